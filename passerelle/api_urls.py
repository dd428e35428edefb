"""The REST API, version 1: each app's routes under its own prefix, and the OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from passerelle.core import api as core_api
from passerelle.geo import api as geo_api

router = DefaultRouter()
for prefix, module in (("core", core_api), ("geo", geo_api)):
    for route, viewset in module.ROUTES:
        router.register(f"{prefix}/{route}", viewset)

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="api-schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", permission_classes=[IsAuthenticated]),
        name="api-docs",
    ),
    path("", include(router.urls)),
]
