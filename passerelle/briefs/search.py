"""What of the briefs search finds: the talking points and notes analysts write for a brief, linked
to the brief they belong to (core/search/registry.py). Released editions are documents kept as
they were, found through their brief, not searched."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from passerelle.core.search.registry import Searchable, register, translated


def brief_link(note: Any) -> str:
    """The brief the note belongs to."""
    kwargs = {"kind": note.brief_kind}
    if note.subject:
        kwargs["subject"] = note.subject
    return reverse("briefs:brief", kwargs=kwargs)


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.briefs.models import BriefNote

    register(
        Searchable(
            "talking-point",
            BriefNote,
            BriefNote._meta.verbose_name_plural,
            "text_en",
            "text_fr",
            english=(
                translated("en", BriefNote.get_kind_display),
                translated("en", BriefNote.get_brief_kind_display),
                "subject",
            ),
            french=(
                translated("fr", BriefNote.get_kind_display),
                translated("fr", BriefNote.get_brief_kind_display),
                "subject",
            ),
            link=brief_link,
            order=18,
        )
    )
    register_briefing()


def register_briefing() -> None:
    """Events, and brief requests (by title, tracking number and purpose)."""
    from passerelle.briefs.models import BriefRequest, Event

    pk = {"pk": "pk"}
    register(
        Searchable(
            "event",
            Event,
            Event._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("place_en", "notes_en"),
            french=("place_fr", "notes_fr"),
            url_name="briefs:event_detail",
            url_kwargs=pk,
            order=19,
        )
    )
    register(
        Searchable(
            "brief-request",
            BriefRequest,
            BriefRequest._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("tracking_number", "purpose_en", "key_messages_en"),
            french=("tracking_number", "purpose_fr", "key_messages_fr"),
            url_name="briefs:briefrequest_detail",
            url_kwargs=pk,
            order=20,
        )
    )
