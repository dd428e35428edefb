"""What of this app search finds: its records' titles and text in each language, and
their pages (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.partners.models import Forum, Organization, Person

    slug = {"slug": "slug"}
    register(
        Searchable(
            "organization",
            Organization,
            Organization._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("acronym_en", "description_en"),
            french=("acronym_fr", "description_fr"),
            url_name="partners:organization_detail",
            url_kwargs=slug,
            order=3,
        )
    )
    register(
        Searchable(
            "forum",
            Forum,
            Forum._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("acronym_en", "description_en"),
            french=("acronym_fr", "description_fr"),
            url_name="partners:forum_detail",
            url_kwargs=slug,
            order=4,
        )
    )
    register(
        Searchable(
            "person",
            Person,
            Person._meta.verbose_name_plural,
            "name",
            "name",
            english=("biography_en",),
            french=("biography_fr",),
            url_name="partners:person_detail",
            url_kwargs=slug,
            order=5,
        )
    )
