"""What of the pathways search finds: the measures by name, acronym (CUAET, AVUCU), crisis,
eligibility and the binder's words, in each language, and their commitments and caps
(core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.pathways.models import Commitment, Pathway

    register(
        Searchable(
            "pathway",
            Pathway,
            title="name",
            text=("acronym", "crisis", "public_policy", "binder_text", "eligibility"),
            order=6,
        ),
        Searchable(
            "pathway-commitment",
            Commitment,
            title="label",
            text=("period", "stream", "pathway.name"),
            order=7,
        ),
    )
