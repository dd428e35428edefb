"""The search page, /<lang>/search/?q=…&kind=…: results grouped by kind, with each kind's count
as a filter; and its suggestions, /<lang>/search/suggest/?q=…, the best records for what is
typed so far, as the list the search box shows (htmx). Both ask `services.search`, so both keep
to what the reader may see. Written by hand: a search is no list of one model."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import reverse
from django.utils.translation import get_language

from passerelle.core.forms import error_links
from passerelle.core.search import registry
from passerelle.core.search.forms import SearchForm
from passerelle.core.search.services import MAX_QUERY_LENGTH, SearchResults, search

TEMPLATES = Path(__file__).parent / "templates" / "search"
# Records read for the page (the best first), shown per kind when every kind is asked for, and
# suggested as the reader types.
PAGE_LIMIT, PER_KIND, SUGGESTIONS = 200, 10, 8


@cache
def _template(name: str) -> Any:
    """A template of this package (core's app template directory is core/templates, not here)."""
    return engines["django"].from_string((TEMPLATES / name).read_text(encoding="utf-8"))


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "fr") else "en"


def _address(query: str, kind: str = "") -> str:
    params = {"q": query, **({"kind": kind} if kind else {})}
    return f"{reverse('search:search')}?{urlencode(params)}"


def _filters(results: SearchResults, counts: dict[str, int], kind: str) -> list[dict[str, Any]]:
    """Every kind with records found, with its count and the address that shows only it."""
    filters: list[dict[str, Any]] = [
        {"label": None, "count": sum(counts.values()), "url": _address(results.query), "kind": ""}
    ]
    for searchable in registry.searchables():
        if counts.get(searchable.kind):
            filters.append(
                {
                    "label": searchable.label,
                    "count": counts[searchable.kind],
                    "url": _address(results.query, searchable.kind),
                    "kind": searchable.kind,
                }
            )
    for item in filters:
        item["current"] = item["kind"] == kind
    return filters


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Records of every registered kind matching the query, within what the user may view,
    grouped by kind; the page is marked with the highest classification of what it shows."""
    form = SearchForm(request.GET or None)
    results: SearchResults | None = None
    context: dict[str, Any] = {"form": form, "max_length": MAX_QUERY_LENGTH}
    if form.is_valid() and form.cleaned_data["q"].strip():
        kind = form.cleaned_data["kind"]
        query, language = form.cleaned_data["q"], _language()
        results = search(
            request.user,
            query,
            kinds=[kind] if kind else None,
            language=language,
            limit=PAGE_LIMIT,
        )
        counts = results.counts
        if kind:  # the other kinds' counts, for the filters
            counts = search(request.user, query, language=language, limit=1).counts
        shown = None if kind else PER_KIND
        context.update(
            classification=results.classification,
            illustrative=results.illustrative,
            filters=_filters(results, counts, kind),
            groups=[
                {
                    "searchable": searchable,
                    "hits": hits[:shown],
                    "count": count,
                    "all_url": _address(results.query, searchable.kind),
                }
                for searchable, hits, count in results.groups()
            ],
            kind=kind,
        )
    elif form.errors:
        context["error_links"] = error_links(form)
    context["results"] = results
    return HttpResponse(_template("search.html").render(context, request))


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    """The records best matching what is typed so far, as the options of the search box's list
    (a fragment htmx puts in the page); nothing for an empty or over-long query."""
    query = request.GET.get("q", "")[: MAX_QUERY_LENGTH + 1]
    hits: list[Any] = []
    if query.strip() and len(query) <= MAX_QUERY_LENGTH:
        hits = search(request.user, query, language=_language(), limit=SUGGESTIONS).hits
    suggestions = [
        {
            "hit": hit,
            "url": hit.url or _address(hit.title),
            "label": registry.get(hit.kind).model._meta.verbose_name,
        }
        for hit in hits
    ]
    context = {"suggestions": suggestions, "query": query.strip()}
    return HttpResponse(_template("suggestions.html").render(context, request))
