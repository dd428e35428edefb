"""What of the briefs search finds: the talking points and notes analysts write for a brief, linked
to the brief they belong to; events; brief requests, by title, tracking number and purpose
(core/search/registry.py). Released editions are documents kept as they were, found through
their brief, not searched."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from passerelle.core.search.registry import Searchable, register


def brief_link(note: Any) -> str:
    """The brief the note belongs to."""
    kwargs = {"kind": note.brief_kind}
    if note.subject:
        kwargs["subject"] = note.subject
    return reverse("briefs:brief", kwargs=kwargs)


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.briefs.models import BriefNote, BriefRequest, Event

    register(
        Searchable(
            "talking-point",
            BriefNote,
            title="text",
            text=("kind", "brief_kind", "subject"),
            link=brief_link,
            order=18,
        ),
        Searchable("event", Event, title="title", text=("place", "notes"), order=19),
        Searchable(
            "brief-request",
            BriefRequest,
            title="title",
            text=("tracking_number", "purpose", "key_messages"),
            order=20,
        ),
    )
