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
        Searchable(
            "fact",
            Fact,
            Fact._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("text_en", "period_en"),
            french=("text_fr", "period_fr"),
            link=fact_link,
            order=20,
        )
    )
    register(
        Searchable(
            "source",
            Source,
            Source._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("publisher_en", "edition_en", "identifier"),
            french=("publisher_fr", "edition_fr", "identifier"),
            url_name="web:source_detail",
            url_kwargs={"key": "key"},
            order=21,
        )
    )
