"""Request and response middleware for the protections every path shares.

- `RefuseNulMiddleware`: a NUL character in the address is refused before any view runs. No
  record is named with one, and PostgreSQL refuses it in a query ("A string literal cannot
  contain NUL"), which would be a 500 on every route that looks a path or query parameter up.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse

NUL = "\x00"


class RefuseNulMiddleware:
    """A NUL in the path is "not found" (404); in the query string, a bad request (400)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path_info:
            raise Http404("no address holds a NUL character")
        if any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists()):
            raise BadRequest("a query parameter holds a NUL character")
        return self.get_response(request)
