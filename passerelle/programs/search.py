"""What of the program search finds: projects, initiatives and funding envelopes
(core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.programs.models import FundingEnvelope, Initiative, Project

    register(
        Searchable(
            "project",
            Project,
            Project._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("description_en", "reference_number", "iati_identifier"),
            french=("description_fr", "reference_number", "iati_identifier"),
            url_name="programs:project_detail",
            url_kwargs={"pk": "pk"},
            order=8,
        )
    )
    register(
        Searchable(
            "initiative",
            Initiative,
            Initiative._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("acronym_en", "description_en"),
            french=("acronym_fr", "description_fr"),
            url_name="programs:initiative_detail",
            url_kwargs={"slug": "slug"},
            order=9,
        )
    )
    register(
        Searchable(
            "funding-envelope",
            FundingEnvelope,
            FundingEnvelope._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("description_en",),
            french=("description_fr",),
            url_name="programs:envelope_detail",
            url_kwargs={"slug": "slug"},
            order=10,
        )
    )
