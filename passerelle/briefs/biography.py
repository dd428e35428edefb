"""A person's one-page biography note, built from their record (partners' `Person` and the
titles they held) and the engagements they took part in, in the brief's document model, so the
briefs renderers print it in every format and a binder takes it as a part.

Everything is read as the reader: an organization, a country or an engagement above their
clearance is left out (core decides), and the note is marked with the highest of what it shows.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.document import Brief
from passerelle.briefs.facts import mark
from passerelle.briefs.sections import Section, Table
from passerelle.briefs.sourcing import Writer, cite
from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.reader import marking_scope, reading_as_user
from passerelle.core.templatetags.passerelle import longdate
from passerelle.partners.models import Appointment, Person

RECENT_ENGAGEMENTS = 5  # a one-page note: the latest few


def _where(appointment: Appointment, writer: Writer) -> str:
    if appointment.organization is not None:
        return writer.name(appointment.organization)
    if appointment.country is not None:
        return writer.name(appointment.country)
    return ""


def _period(appointment: Appointment) -> str:
    start = longdate(appointment.start) if appointment.start else "…"
    if appointment.end is None:
        return _("since %(date)s") % {"date": start}
    return f"{start} – {longdate(appointment.end)}"


def _titles(person: Person, appointments: list[Appointment], writer: Writer) -> Section:
    rows = [
        [writer.text(a, "title", label=person.name), _where(a, writer), _period(a)]
        for a in appointments
    ]
    section = Section(
        key="titles",
        title=_("Titles held"),
        tables=[Table(_("Titles held"), [_("Title"), _("Where"), _("Period")], rows)]
        if rows
        else [],
    )
    return mark(section, [*appointments, *(a.organization or a.country for a in appointments)])


def _engagements(person: Person, writer: Writer) -> Section | None:
    taken = list(
        person.participations.select_related("engagement").order_by("-engagement__start_date")[
            :RECENT_ENGAGEMENTS
        ]
    )
    engagements = [p.engagement for p in taken if p.engagement is not None]
    if not engagements:
        return None
    items = [
        f"{longdate(e.start_date)}: {writer.text(e, 'title', label=e.reference or str(e.pk))}"
        for e in engagements
    ]
    section = Section(key="engagements", title=_("Recent engagements with Canada"), items=items)
    return mark(section, [*taken, *engagements])


def _profile(person: Person, current: Appointment | None, writer: Writer) -> Section:
    paragraphs = []
    if current is not None:
        where = _where(current, writer)
        title = writer.text(current, "title", label=person.name)
        paragraphs.append(f"{title}, {where}" if where else title)
    if person.biography_en:
        paragraphs += writer.text(person, "biography", label=person.name).split("\n\n")
    sources = [cite(c, writer) for c in person.citations.all()]
    section = Section(
        key="profile",
        title=_("Profile"),
        paragraphs=paragraphs,
        items=[_("Source: %(source)s") % {"source": s} for s in sources],
    )
    return mark(section, [person, *([person.country] if person.country else [])])


def build_biography(subject: str, *, user: User, language: str, day: date | None = None) -> Brief:
    """The biography note of the person whose slug is `subject`, as `user` may see it."""
    with reading_as_user(user), marking_scope() as read, override(language):
        person = Person.objects.select_related("country").filter(slug=subject).first()
        if person is None:
            raise Http404(f"no person {subject!r} that you may see")
        today = day or date.today()
        appointments = list(
            person.appointments.select_related("organization", "country").order_by("-start")
        )
        writer = Writer(language)
        current = person.title_on(today)
        name = f"{person.honorific} {person.name}".strip()
        brief = Brief(
            kind="biography",
            subject=person.slug,
            language=language,
            title=_("Biography: %(name)s") % {"name": name},
            subtitle=_("International Affairs"),
            day=today,
            cleared_to=Classification(user.clearance),
            read=read,
        )
        sections = [_profile(person, current, writer), _titles(person, appointments, writer)]
        engagements = _engagements(person, writer)
        brief.sections = [*sections, *([engagements] if engagements else [])]
        if writer.missing:
            brief.sections[0].missing_french += writer.missing
    return brief
