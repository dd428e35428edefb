"""What of this app search finds: its records' titles and text in each language, and
their pages (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.engagements.models import Engagement, Irritant

    pk = {"pk": "pk"}
    register(
        Searchable(
            "engagement",
            Engagement,
            Engagement._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("place_en", "summary_en", "outcomes_en"),
            french=("place_fr", "summary_fr", "outcomes_fr"),
            url_name="engagements:engagement_detail",
            url_kwargs=pk,
            order=1,
        )
    )
    register(
        Searchable(
            "irritant",
            Irritant,
            Irritant._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("description_en",),
            french=("description_fr",),
            url_name="engagements:irritant_detail",
            url_kwargs=pk,
            order=2,
        )
    )
