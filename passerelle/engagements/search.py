"""What of the engagements search finds: engagements, irritants, follow-ups (with their
engagement's title) and commitments (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.engagements.models import Commitment, Engagement, FollowUp, Irritant

    register(
        Searchable(
            "engagement",
            Engagement,
            title="title",
            text=("place", "summary", "outcomes"),
            order=1,
        ),
        Searchable("irritant", Irritant, title="title", text=("description",), order=2),
        Searchable(
            "follow-up",
            FollowUp,
            title="action",
            text=("owner", "engagement.title"),
            order=11,
        ),
        Searchable("commitment", Commitment, title="description", text=("direction",), order=12),
    )
