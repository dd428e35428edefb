"""The REST API, version 1: each app's routes under its own prefix, and the OpenAPI schema."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from passerelle.briefs import api as briefs_api
from passerelle.core import api as core_api
from passerelle.core.api.endpoints import not_found
from passerelle.core.search import api as search_api
from passerelle.engagements import api as engagements_api
from passerelle.geo import api as geo_api
from passerelle.indicators import api as indicators_api
from passerelle.network import api as network_api
from passerelle.operations import api as operations_api
from passerelle.partners import api as partners_api
from passerelle.pathways import api as pathways_api
from passerelle.programs import api as programs_api

# Each app's api module lists its viewsets in ROUTES ((route, viewset[, basename])) and,
# optionally, other views in URLS.
APPS = (
    ("core", core_api),
    ("geo", geo_api),
    ("network", network_api),
    ("briefs", briefs_api),
    ("partners", partners_api),
    ("engagements", engagements_api),
    ("indicators", indicators_api),
    ("operations", operations_api),
    ("programs", programs_api),
    ("pathways", pathways_api),
    ("search", search_api),
)

router = DefaultRouter()
app_urls = []
for prefix, module in APPS:
    for route, viewset, *basename in module.ROUTES:
        # a route may name its basename where two apps' models share a name (Commitment)
        router.register(f"{prefix}/{route}", viewset, basename=basename[0] if basename else None)
    app_urls += [path(f"{prefix}/", include(getattr(module, "URLS", [])))]

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="api-schema",
    ),
    # The documentation page is in the product's shell, in the reader's language (web/api_docs.py)
    path("docs/", RedirectView.as_view(pattern_name="web:api_docs"), name="api-docs"),
    *app_urls,
    path("", include(router.urls)),
    re_path(r"^.*/$", not_found),  # a JSON 404, not the site's page
]
