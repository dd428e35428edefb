"""What of this app search finds: the measures by name, acronym (CUAET, AVUCU), crisis,
eligibility and the binder's words, in each language (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.pathways.models import Commitment, Pathway

    register(
        Searchable(
            "pathway",
            Pathway,
            Pathway._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=(
                "acronym_en",
                "crisis_en",
                "public_policy_en",
                "binder_text_en",
                "eligibility_en",
            ),
            french=(
                "acronym_fr",
                "crisis_fr",
                "public_policy_fr",
                "binder_text_fr",
                "eligibility_fr",
            ),
            url_name="pathways:pathway_detail",
            url_kwargs={"slug": "slug"},
            order=6,
        )
    )
    register(
        Searchable(
            "pathway-commitment",
            Commitment,
            Commitment._meta.verbose_name_plural,
            "label_en",
            "label_fr",
            english=("period_en", "stream", lambda c: c.pathway.name_en),
            french=("period_fr", "stream", lambda c: c.pathway.name_fr),
            order=7,
        )
    )
