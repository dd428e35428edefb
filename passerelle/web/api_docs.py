"""The API's documentation page: drf-spectacular's Swagger UI inside the product's shell (GC
header and footer, classification banner, the page's language), at /en/api/ and /fr/api/.
Written over the library's view, not the kernel's: it shows the OpenAPI schema, no records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated


class ApiDocsView(SpectacularSwaggerSplitView):
    # Its script comes from its own address (?script): no inline script for the CSP to refuse.
    template_name = "web/api_docs.html"
    url_name = "api-schema"
    permission_classes = [IsAuthenticated]


api_docs = login_required(ApiDocsView.as_view())
