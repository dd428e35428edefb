"""What of the program search finds: projects (also by reference number and IATI identifier),
initiatives and funding envelopes (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.programs.models import FundingEnvelope, Initiative, Project

    register(
        Searchable(
            "project",
            Project,
            title="title",
            text=("description", "reference_number", "iati_identifier"),
            order=8,
        ),
        Searchable(
            "initiative", Initiative, title="name", text=("acronym", "description"), order=9
        ),
        Searchable(
            "funding-envelope", FundingEnvelope, title="name", text=("description",), order=10
        ),
    )
