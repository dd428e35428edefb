"""The product's own page for an address too long to read (414), in both languages.

An address longer than `PASSERELLE_MAX_URL_LENGTH` is answered here, before anything else reads
the request (no session, no database). gunicorn would refuse a long request line itself, with its
bare English page: `make run` serves with gunicorn.conf.py, which lifts that limit so the
request reaches this middleware. The other error pages (400, 403, 404, 500) are Django's
handlers rendering the templates of the same names (web/templates/)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def first_language(path: str) -> str:
    """The language the address asks for, else English: the page shows both, this one first."""
    return "fr" if path.startswith("/fr/") else "en"


class UriTooLongMiddleware:
    """An address longer than the limit gets the bilingual 414 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = len(request.META.get("PATH_INFO", "")) + len(request.META.get("QUERY_STRING", ""))
        if length > settings.MAX_URL_LENGTH:
            return uri_too_long(request)
        return self.get_response(request)


def uri_too_long(request: HttpRequest) -> HttpResponse:
    first = first_language(request.path)
    order = [first, "fr" if first == "en" else "en"]
    body = render_to_string("414.html", {"languages": order, "first_language": first})
    return HttpResponse(body, status=414, content_type="text/html; charset=utf-8")
