"""A crawl of every route: which addresses there are (discovered as a reader who sees
everything), and what each reader gets from them.

Discovery starts from every route that takes no argument (pages in each language, the API's
routes) and follows every link, `hx-get` address and API reference it finds, up to `per_route`
addresses per route and query shape, so a list of a hundred records costs a few detail pages,
not a hundred. A route is known by its resolved name; `routes()` lists every route the
project declares, so a test can fail on a route the crawl never reached.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from importlib import import_module
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from passerelle.core.leaktest.documents import body_text

_LINK = re.compile(r"""(?:href|hx-get|data-href|src)\s*=\s*["']([^"']+)["']""")
_SKIPPED_PREFIXES = ("/static/", "/i18n/", "/healthz")
# Routes the crawl must not follow: they act (sign out) rather than show.
_ACTING_ROUTES = {"web:logout"}


@dataclass
class Fetched:
    url: str
    route: str
    status: int
    headers: str
    body: str
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return f"{self.headers}\n\n{self.body}"


@dataclass
class Crawl:
    """What discovery found: every address fetched, by route."""

    pages: dict[str, Fetched] = field(default_factory=dict)

    def routes_reached(self) -> set[str]:
        return {page.route for page in self.pages.values()}


def route_of(path: str) -> str | None:
    """The route an address resolves to (its URL name, or its view's dotted path)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name:
        return match.view_name
    return f"{match.func.__module__}.{getattr(match.func, '__name__', 'view')}"


def routes() -> set[str]:
    """Every route the project declares, by the name `route_of` gives it."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(f"{namespace}{pattern.name}")
                else:
                    callback = pattern.callback
                    names.add(f"{callback.__module__}.{getattr(callback, '__name__', 'view')}")

    walk(get_resolver().url_patterns, "")
    return names


# Parameters whose value changes what kind of answer a route gives (not only which records).
_KIND_PARAMETERS = {"format", "lang", "layout", "by"}
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CHOICE_FIELD = re.compile(
    r"<(select|gcds-select|gcds-radios)\b([^>]*)>(.*?)</\1>", re.DOTALL | re.IGNORECASE
)
_OPTION = re.compile(r"""<option\b[^>]*value\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# Of each field of a form, the crawl tries this many of its choices.
_CHOICES_PER_FIELD = 8


def _shape(url: str) -> str:
    """The query's parameters, with the values of those that change the kind of answer."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    keys = sorted(
        {key if key not in _KIND_PARAMETERS else f"{key}={value}" for key, value in pairs}
    )
    return ",".join(keys)


def _normalize(base: str, link: str) -> str | None:
    link = unescape(link.strip())
    if not link or link.startswith(("#", "mailto:", "javascript:", "data:")):
        return None
    absolute = urljoin(base, link)
    parts = urlsplit(absolute)
    if parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(_SKIPPED_PREFIXES):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


def _links(url: str, text: str, content_type: str) -> Iterator[str]:
    if "json" in content_type:
        yield from _json_links(url, text)
        return
    if "html" not in content_type:
        return
    for match in _LINK.finditer(text):
        found = _normalize(url, match.group(1))
        if found:
            yield found
    yield from _form_submissions(url, text)


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): unescape(m.group(2) or m.group(3) or "")
        for m in _ATTRIBUTE.finditer(text)
    }


def _form_submissions(url: str, text: str) -> Iterator[str]:
    """A search form's answers: each choice of each of its choice fields, one at a time (what a
    reader gets by choosing a filter, a grouping or a record from a list)."""
    for form in _FORM.finditer(text):
        attributes = _attributes(form.group(1))
        if attributes.get("method", "get").lower() != "get":
            continue
        action = attributes.get("action") or urlsplit(url).path
        for choice in _CHOICE_FIELD.finditer(form.group(2)):
            name = _attributes(choice.group(2)).get("name")
            if not name:
                continue
            values = [unescape(v) for v in _OPTION.findall(choice.group(3))]
            options = _attributes(choice.group(2)).get("options")
            if options:
                with contextlib.suppress(ValueError, AttributeError):
                    values += [str(o.get("value", "")) for o in json.loads(options)]
            for value in [v for v in values if v][:_CHOICES_PER_FIELD]:
                found = _normalize(url, f"{action}?{urlencode({name: value})}")
                if found:
                    yield found


def _json_links(url: str, text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and (
            item.startswith("/") or item.startswith("http://testserver")
        ):
            found = _normalize(url, item)
            if found:
                yield found


def _api_router() -> Any:
    """The API's router, read from the project's URL configuration by name as Django reads it
    (the kernel imports no app, and the URL configuration imports them all)."""
    return import_module("passerelle.api_urls").router


def seeds() -> list[str]:
    """Every route that takes no argument, in each language, and the API's list routes."""
    from django.urls import reverse

    router = _api_router()

    found: list[str] = []
    for name in sorted(routes()):
        if name in _ACTING_ROUTES or (":" not in name and "." in name):
            continue
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                try:
                    found.append(reverse(name))
                except Exception:  # noqa: S112  (a route that needs arguments)
                    continue
    for prefix, _viewset, _basename in router.registry:
        found.append(f"/api/v1/{prefix}/")
        found.append(f"/api/v1/{prefix}/?format=api")
    return list(dict.fromkeys(found))


def api_details(url: str, text: str) -> Iterator[str]:
    """The detail addresses of the records an API list answered (its address and the record's
    lookup value, when that resolves to another route)."""
    router = _api_router()
    path = urlsplit(url).path
    lookup = "id"
    for prefix, viewset, _basename in router.registry:
        if path == f"/api/v1/{prefix}/" and getattr(viewset, "lookup_field", "pk") != "pk":
            lookup = getattr(viewset, "lookup_field", "pk")
    try:
        data = json.loads(text)
    except ValueError:
        return
    rows = data.get("results", data) if isinstance(data, dict) else data
    list_route = route_of(path)
    for row in rows if isinstance(rows, list) else []:
        key = row.get(lookup) if isinstance(row, dict) else None
        if key is None:
            continue
        detail = f"{path}{key}/"
        if route_of(detail) not in (None, list_route):
            yield detail


def discover(
    client: Client,
    *,
    chosen: list[str],
    per_shape: int = 2,
    per_route: int = 5,
    per_language: int = 1,
) -> Crawl:
    """Fetch every address reachable from the seeds and `chosen` (addresses no page links to),
    as `client`'s reader: at most `per_shape` addresses per route and set of query parameters,
    `per_route` per route and kind of answer, and `per_language` per route in a language other
    than the default (the same view, in other words)."""
    crawl = Crawl()
    queue = list(dict.fromkeys([*seeds(), *chosen]))
    named = set(chosen)  # asked for by name: fetched whatever the limits
    taken: Counter[Any] = Counter()
    queued = set(queue)
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        route = route_of(path)
        if route is None or route in _ACTING_ROUTES:
            continue
        language = path.split("/")[1] if path.count("/") > 1 else ""
        shape = _shape(url)
        # Every kind of answer of a route is fetched (a brief in each format and language).
        kind = ",".join(part for part in shape.split(",") if "=" in part)
        limits = [((route, shape), per_shape), ((route, kind), per_route)]
        if "format=api" in kind:
            # The browsable API shows what the JSON does, and its filter forms: once a route.
            limits.append(((route, "api"), 1))
        if language != settings.LANGUAGE_CODE and language in dict(settings.LANGUAGES):
            limits.append(((route, language), per_language))
        if url not in named and any(taken[key] >= limit for key, limit in limits):
            continue
        for key, _limit in limits:
            taken[key] += 1
        fetched, response = _get(client, url, route)
        crawl.pages[url] = fetched
        body = fetched.body
        content_type = response.get("Content-Type", "")
        found = list(_links(url, body, content_type))
        if "json" in content_type:
            found += list(api_details(url, body))
        for link in found:
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return crawl


def _get(client: Client, url: str, route: str) -> tuple[Fetched, Any]:
    start = time.perf_counter()
    response = client.get(url)
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    body = body_text(response)
    seconds = time.perf_counter() - start
    return Fetched(url, route, response.status_code, headers, body, seconds), response


def fetch(client: Client, url: str) -> Fetched:
    """`url` as `client`'s reader gets it."""
    return _get(client, url, route_of(urlsplit(url).path) or "")[0]
