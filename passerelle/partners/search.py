"""What of the partners search finds: organizations and forums by name, acronym and description,
and people by name and biography (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.partners.models import Forum, Organization, Person

    described = ("acronym", "description")
    register(
        Searchable("organization", Organization, title="name", text=described, order=3),
        Searchable("forum", Forum, title="name", text=described, order=4),
        Searchable("person", Person, title="name", text=("biography",), order=5),
    )
