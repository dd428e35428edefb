"""Request and response middleware for the protections every path shares.

- `RefuseNulMiddleware`: a NUL character in the address is refused before any view runs. No
  record is named with one, and PostgreSQL refuses it in a query ("A string literal cannot
  contain NUL"), which would be a 500 on every route that looks a path or query parameter up.
- `PrivateResponsesMiddleware`: nothing shown to a signed-in user is kept by a browser's or a
  proxy's cache: pages, CSV, PDF, DOCX and other downloads, API answers may hold protected
  records. Static files (WhiteNoise answers them before this runs) stay cacheable.

The Content-Security-Policy and Permissions-Policy headers are the libraries' (django-csp,
django-permissions-policy; settings.py). `BrowsableApiStylesMiddleware` widens the policy for one
kind of page only: the REST framework's browsable API (HTML under /api/), whose library templates
carry style attributes; its scripts stay as strict as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import UNSAFE_INLINE
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

NUL = "\x00"


class RefuseNulMiddleware:
    """A NUL in the path is "not found" (404); in the query string, a bad request (400). Under
    /api/ the answer is JSON, as the API's other errors are (the schema says so)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path_info.startswith("/api/")
        if NUL in request.path_info:
            if api:
                return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
            raise Http404("no address holds a NUL character")
        if any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists()):
            if api:
                detail = _("A query parameter holds a NUL character.")
                return JsonResponse({"detail": detail, "code": "parse_error"}, status=400)
            raise BadRequest("a query parameter holds a NUL character")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Every answer to a signed-in user (by session or API token) is `Cache-Control: no-store,
    private`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)  # the API's token user is set by the view
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class BrowsableApiStylesMiddleware:
    """The browsable API's HTML pages may use style attributes (`style-src-attr
    'unsafe-inline'`): Django REST framework's templates float its buttons with them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        if html and request.path_info.startswith("/api/"):
            response._csp_update = {"style-src-attr": [UNSAFE_INLINE]}  # type: ignore[attr-defined]
        return response
