"""Top-level routes: pages under /en/ and /fr/, the API under /api/v1/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from mozilla_django_oidc import views as oidc

from passerelle.core.oidc import CallbackView


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


# Sign-in through the identity provider (docs/sign-in.md), routed only when it is configured:
# the provider sends people back to one address, outside the language prefixes. Sign-out is
# the shell's own (web:logout), which also ends the provider's session.
OIDC_ROUTES = [
    path("oidc/authenticate/", oidc.OIDCAuthenticationRequestView.as_view(),
         name="oidc_authentication_init"),
    path("oidc/callback/", CallbackView.as_view(),
         name="oidc_authentication_callback"),
]  # fmt: skip

urlpatterns = [
    *(OIDC_ROUTES if settings.OIDC_ENABLED else []),
    path("api/v1/", include("passerelle.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    *i18n_patterns(
        path("", include("passerelle.web.urls")),
        path("geo/", include("passerelle.geo.urls")),
        path("partners/", include("passerelle.partners.urls")),
        path("engagements/", include("passerelle.engagements.urls")),
        path("network/", include("passerelle.network.urls")),
        path("indicators/", include("passerelle.indicators.urls")),
        path("briefs/", include("passerelle.briefs.urls")),
        path("operations/", include("passerelle.operations.urls")),
        path("programs/", include("passerelle.programs.urls")),
        path("pathways/", include("passerelle.pathways.urls")),
        path("search/", include("passerelle.core.search.urls")),
        path("jobs/", include("passerelle.core.jobs.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=True,
    ),
]
