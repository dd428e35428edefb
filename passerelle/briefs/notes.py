"""The analyst's part of a brief: talking points and notes written before release."""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.briefs.facts import mark
from passerelle.briefs.models import BriefNote
from passerelle.briefs.sections import Section
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User


def notes_of(*, brief_kind: str, subject: str, user: User) -> list[BriefNote]:
    """The talking points and notes of one brief the user may see, in order."""
    return list(
        BriefNote.objects.restrict(user, "view")
        .filter(brief_kind=brief_kind, subject=subject)
        .order_by("kind", "order", "pk")
    )


def analyst_sections(*, brief_kind: str, subject: str, user: User, language: str) -> list[Section]:
    """The talking points, then the notes, each a section when there are some."""
    found = notes_of(brief_kind=brief_kind, subject=subject, user=user)
    sections = []
    for kind, title in (
        (BriefNote.Kind.TALKING_POINT, _("Talking points")),
        (BriefNote.Kind.NOTE, _("Analyst’s notes")),
    ):
        chosen = [note for note in found if note.kind == kind]
        if not chosen:
            continue
        writer = Writer(language)
        section = Section(
            key=str(kind).replace("_", "-"),
            title=title,
            items=[writer.text(n, "text", label=f"{n.get_kind_display()} {n.pk}") for n in chosen],
            missing_french=writer.missing,
        )
        sections.append(mark(section, chosen))
    return sections


def country_talking_points(country: object, *, user: User, language: str) -> list[Section] | None:
    """The country brief's analyst sections (registered at order 100)."""
    subject = getattr(country, "iso_alpha3", "")
    return (
        analyst_sections(brief_kind="country", subject=subject, user=user, language=language)
        or None
    )
