"""The project's routes with the identity provider's, as `PASSERELLE_OIDC=true` routes them."""

from passerelle.urls import OIDC_ROUTES
from passerelle.urls import urlpatterns as project

urlpatterns = [*OIDC_ROUTES, *project]
