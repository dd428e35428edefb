"""The search page: /<lang>/search/?q=…&kind=…, results grouped by kind."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.utils.translation import get_language

from passerelle.core.forms import error_links
from passerelle.core.search.forms import SearchForm
from passerelle.core.search.services import SearchResults, search

TEMPLATES = Path(__file__).parent / "templates" / "search"


@cache
def _template(name: str) -> Any:
    """A template of this package (core's app template directory is core/templates, not here)."""
    return engines["django"].from_string((TEMPLATES / name).read_text(encoding="utf-8"))


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Records of every registered kind matching the query, within what the user may view; the
    page is marked with the highest classification of what it shows."""
    form = SearchForm(request.GET or None)
    results: SearchResults | None = None
    context: dict[str, Any] = {"form": form}
    if form.is_valid() and form.cleaned_data["q"].strip():
        kind = form.cleaned_data["kind"]
        results = search(
            request.user,
            form.cleaned_data["q"],
            kinds=[kind] if kind else None,
            language=get_language() or "en",
        )
        context.update(classification=results.classification, illustrative=results.illustrative)
    elif form.errors:
        context["error_links"] = error_links(form)
    context["results"] = results
    return HttpResponse(_template("search.html").render(context, request))
