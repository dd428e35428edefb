"""What of the shell's pages search finds: the binder's reference facts (linked to their anchor
on the reference-facts page) and the sources (core/search/registry.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from passerelle.core.search.registry import Searchable, register


def fact_link(fact: Any) -> str:
    """The fact's anchor on the reference-facts page."""
    return f"{reverse('web:fact_list')}#fact-{fact.key}"


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.core.models import Fact, Source

    register(
        Searchable("fact", Fact, title="title", text=("text", "period"), link=fact_link, order=20),
        Searchable(
            "source",
            Source,
            title="title",
            text=("publisher", "edition", "identifier"),
            order=21,
        ),
    )
