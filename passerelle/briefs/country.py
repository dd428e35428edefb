"""The country brief (the pre-meeting pack): each part a registered country section."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelle.briefs.facts import bullet, facts, mark, period_text
from passerelle.briefs.sections import Section, Table, register_country_section
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User
from passerelle.core.templatetags.passerelle import longdate, number
from passerelle.engagements import services as engagement_services
from passerelle.engagements.models import Evidence
from passerelle.geo.models import Country
from passerelle.network.models import Office, StaffingSnapshot
from passerelle.network.services import latest_staff, points_in_service
from passerelle.partners import services as partner_services

RECENT_ENGAGEMENTS = 10
CANADA = "CAN"


def _table(caption: str, columns: list[str], rows: list[list[str]], records: list[Any]) -> Table:
    return Table(
        caption=caption,
        columns=columns,
        rows=rows,
        illustrative=any(getattr(r, "illustrative", False) for r in records),
    )


def one_per_initiative(relationships: list[Any]) -> list[Any]:
    """One relationship per joint initiative: the binder records RACBI once per supporter
    (Canada, the U.S., UNHCR → Mexico), each text naming the others, so a brief shows one of
    them, Canada's where there is one. An initiative's relationships share the kind, the
    counterpart, the start and the name before the colon ("Regional Asylum Capacity Building
    Initiative (RACBI): …")."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for r in relationships:
        name, colon, _rest = r.nature_en.partition(":")
        key = (r.kind, r.counterpart_country_id, r.counterpart_organization_id, r.start)
        groups.setdefault((*key, name.strip()) if colon else (*key, r.pk), []).append(r)
    chosen = {
        min(group, key=lambda r: (getattr(r.country, "iso_alpha3", "") != CANADA, r.pk)).pk
        for group in groups.values()
    }
    return [r for r in relationships if r.pk in chosen]


def relationship(country: Country, *, user: User, language: str) -> Section | None:
    """Forums the country belongs to, roles it held, relationships with partners."""
    summary = partner_services.relationship_summary(partner=country, user=user)
    if summary.is_empty:
        return None
    writer = Writer(language)
    items = [
        _("Member of %s") % writer.name(m.forum)
        + (f" ({period_text(m)})" if m.start or m.end else "")
        for m in summary.memberships
    ]
    items += [
        writer.text(r, "nature", label=f"Relationship {r.pk}")
        for r in one_per_initiative(summary.relationships)
    ]
    if summary.shared_with_canada:
        items.append(
            _("Forums shared with Canada today: %s")
            % "; ".join(writer.name(f) for f in summary.shared_with_canada)
        )
    section = Section(
        key="relationship",
        title=_("Relationship summary"),
        items=items,
        missing_french=writer.missing,
    )
    return mark(section, summary.shown)


def engagements(country: Country, *, user: User, language: str) -> Section | None:
    """The most recent engagements with the country, and the next ones."""
    activity = engagement_services.country_activity(user=user, country=country)
    shown = activity.engagements[:RECENT_ENGAGEMENTS]
    if not shown:
        return None
    writer = Writer(language)
    rows = [
        [
            longdate(e.start_date),
            writer.text(e, "title", label=f"Engagement {e.pk}"),
            str(e.get_kind_display()),
            str(e.get_channel_display()),
        ]
        for e in shown
    ]
    section = Section(
        key="engagements",
        title=_("Recent engagements"),
        paragraphs=[
            _("%(shown)s of %(total)s engagements with this country, most recent first.")
            % {"shown": number(len(shown)), "total": number(activity.engagement_count)}
        ],
        tables=[
            _table(
                _("Recent engagements"),
                [_("Date"), _("Engagement"), _("Kind"), _("Channel")],
                rows,
                shown,
            )
        ],
        missing_french=writer.missing,
    )
    return mark(section, shown)


def irritants(country: Country, *, user: User, language: str) -> Section | None:
    """Open irritants, each with its evidence."""
    found = list(
        engagement_services.irritants(user)
        .filter(country=country, status__in=engagement_services.Irritant.OPEN_STATUSES)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.restrict(user, "view")))
    )
    if not found:
        return None
    writer = Writer(language)
    items: list[str] = []
    shown: list[Any] = list(found)
    for irritant in found:
        label = f"Irritant {irritant.pk}"
        text = (
            f"{writer.text(irritant, 'title', label=label)} ({irritant.get_kind_display()}; "
            f"{irritant.get_status_display()}; {irritant.get_severity_display()}"
            + (f"; {longdate(irritant.raised_on)}" if irritant.raised_on else "")
            + ")"
        )
        description = writer.text(irritant, "description", label=label)
        if description:
            text += f": {description}"
        evidence = list(irritant.evidence.all())
        shown += evidence
        for item in evidence:
            text += " " + _("Evidence: %s") % writer.text(item, "description", label=label)
        items.append(text)
    section = Section(
        key="irritants", title=_("Open irritants"), items=items, missing_french=writer.missing
    )
    return mark(section, shown)


def follow_ups(country: Country, *, user: User, language: str) -> Section | None:
    """Open follow-ups of engagements with the country, and its asks and offers."""
    activity = engagement_services.country_activity(user=user, country=country)
    actions = list(activity.follow_ups[:15])
    promises = list(
        activity.commitments.exclude(status__in=["fulfilled", "declined", "withdrawn"])[:15]
    )
    if not (actions or promises):
        return None
    writer = Writer(language)
    today = date.today()
    overdue = sum(f.is_overdue(today=today) for f in actions)
    section = Section(key="follow-ups", title=_("Follow-ups and commitments"))
    if overdue:
        section.paragraphs.append(
            ngettext(
                "%(count)s follow-up is overdue.", "%(count)s follow-ups are overdue.", overdue
            )
            % {"count": number(overdue)}
        )
    if actions:
        rows = [
            [
                writer.text(f, "action", label=f"Follow-up {f.pk}"),
                f.owner_label,
                longdate(f.due) or "—",
                _("%(status)s — overdue") % {"status": f.get_status_display()}
                if f.is_overdue(today=today)
                else str(f.get_status_display()),
            ]
            for f in actions
        ]
        section.tables.append(
            _table(
                _("Open follow-ups"),
                [_("Action"), _("Owner"), _("Due"), _("Status")],
                rows,
                actions,
            )
        )
    if promises:
        rows = [
            [
                str(c.get_direction_display()),
                writer.text(c, "description", label=f"Commitment {c.pk}"),
                longdate(c.due) or "—",
                str(c.get_status_display()),
            ]
            for c in promises
        ]
        section.tables.append(
            _table(
                _("Asks and offers"),
                [_("Ask or offer"), _("Description"), _("Due"), _("Status")],
                rows,
                promises,
            )
        )
    section.missing_french = writer.missing
    return mark(section, [*actions, *promises])


def forums_and_roles(country: Country, *, user: User, language: str) -> Section | None:
    """The forums the country shares with Canada or was engaged through, and Canada's roles."""
    writer = Writer(language)
    shared = list(partner_services.forums_shared(country=country, user=user))
    engaged = list(partner_services.forums_engaged(country=country, user=user))
    roles = list(partner_services.canada_roles(user=user, country=country))
    if not (shared or engaged or roles):
        return None
    section = Section(key="forums", title=_("Forums shared and roles"))
    if shared:
        section.items.append(
            _("Shared with Canada: %s") % "; ".join(writer.name(f) for f in shared)
        )
    if engaged:
        section.items.append(_("Engaged through: %s") % "; ".join(writer.name(f) for f in engaged))
    if roles:
        section.tables.append(
            _table(
                _("Canada’s roles in these forums"),
                [_("Forum"), _("Role"), _("Period")],
                [[writer.name(r.forum), str(r.get_role_display()), period_text(r)] for r in roles],
                roles,
            )
        )
    section.missing_french = writer.missing
    return mark(section, [*shared, *engaged, *roles])


def crisis_measures(country: Country, *, user: User, language: str) -> Section | None:
    """Crisis measures concerning the country's nationals (the binder's measures)."""
    found = [f for f in facts(user, "crisis-measures") if country in f.countries.all()]
    if not found:
        return None
    writer = Writer(language)
    section = Section(
        key="crisis-measures",
        title=_("Crisis measures concerning its nationals"),
        items=[bullet(f, writer, titled=True) for f in found],
        missing_french=writer.missing,
    )
    return mark(section, found)


def network(country: Country, *, user: User, language: str) -> Section | None:
    """IRCC's offices and biometric collection points in the country, with their staff."""
    today = date.today()
    offices = list(Office.objects.in_service(today).restrict(user, "view").filter(country=country))
    points = list(points_in_service(as_of=today, user=user).filter(country=country))
    if not (offices or points):
        return None

    staff = latest_staff(
        StaffingSnapshot.objects.restrict(user, "view").filter(office__in=offices), as_of=today
    )
    writer = Writer(language)
    rows = [
        [
            writer.text(o, "name"),
            str(o.get_kind_display()),
            writer.text(o, "city"),
            number(staff[o.pk].canada_based) if o.pk in staff else "—",
            number(staff[o.pk].locally_engaged) if o.pk in staff else "—",
        ]
        for o in offices
    ]
    section = Section(
        key="network",
        title=_("Network presence"),
        paragraphs=[
            _("%(points)s biometric collection points in service.")
            % {"points": number(len(points))}
        ],
        missing_french=writer.missing,
    )
    if rows:
        section.tables.append(
            _table(
                _("Offices"),
                [
                    _("Office"),
                    _("Kind"),
                    _("City"),
                    _("Canada-based staff"),
                    _("Locally engaged staff"),
                ],
                rows,
                offices,
            )
        )
    return mark(section, [*offices, *points])


def register() -> None:
    """Register the country brief's own sections (the analyst's come from notes.py)."""
    for key, builder, order in (
        ("relationship", relationship, 10),
        ("engagements", engagements, 20),
        ("irritants", irritants, 30),
        ("follow-ups", follow_ups, 40),
        ("forums", forums_and_roles, 50),
        ("crisis-measures", crisis_measures, 60),
        ("network", network, 70),
    ):
        register_country_section(key, builder, order=order)
