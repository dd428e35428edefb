"""Why and how IRCC engages; bilateral and regional engagement; multilateral engagement."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passerelle.briefs.facts import bullet, by_key, fact_section, facts, mark, period_text
from passerelle.briefs.sections import Section, Table
from passerelle.briefs.sourcing import BINDER, Writer
from passerelle.core.models import User
from passerelle.engagements.models import Engagement, Objective
from passerelle.partners import services as partner_services
from passerelle.partners.models import Forum, Framework, Organization


def why_and_how(*, user: User, language: str) -> list[Section] | None:
    """The channels, the participation levels and the seven opportunities."""
    channels = fact_section(
        "why-and-how",
        _("International Relations – Why and How We Engage"),
        facts(user, "engagement-channels"),
        Writer(language),
        intro=[_("IRCC engages internationally through:")],
    )
    participation = fact_section(
        "participation",
        _("Through broad participation"),
        facts(user, "participation"),
        Writer(language),
        level=3,
    )
    writer = Writer(language)
    objectives = list(
        Objective.objects.restrict(user, "view").filter(kind="opportunity").order_by("order")
    )
    opportunities = None
    if objectives:
        opportunities = mark(
            Section(
                key="opportunities",
                title=_(
                    "Active international engagement and cooperation provides opportunities to"
                ),
                items=[writer.text(o, "name") for o in objectives],
                missing_french=writer.missing,
                level=3,
            ),
            objectives,
        )
    found = [s for s in (channels, participation, opportunities) if s is not None]
    return found or None


def binder_engagements(user: User) -> list[Engagement]:
    """The binder's recent key engagements (cited to the binder, not illustrative)."""
    return list(
        Engagement.objects.restrict(user, "view")
        .filter(illustrative=False, citations__source__key=BINDER)
        .distinct()
        .order_by("pk")
    )


def bilateral(*, user: User, language: str) -> list[Section] | None:
    """Bilateral and regional engagement, its recent key engagements and irritants."""
    sections = []
    main = fact_section(
        "bilateral",
        _("International Bilateral and Regional Engagement"),
        facts(user, "bilateral-engagement"),
        Writer(language),
    )
    writer = Writer(language)
    engagements = binder_engagements(user)
    if engagements:
        items = []
        for engagement in engagements:
            summary = writer.text(engagement, "summary", label=f"Engagement {engagement.pk}")
            items.append(summary.split("\n\n")[0])
        recent = Section(
            key="recent-engagements",
            title=_("Recent key engagements by IRCC"),
            items=items,
            missing_french=writer.missing,
            level=3 if main else 2,
        )
        sections.append(mark(recent, engagements))
    irritants = fact_section(
        "irritants",
        _("Migration-related irritants"),
        facts(user, "irritants"),
        Writer(language),
        level=3,
    )
    found = [s for s in (main, *sections, irritants) if s is not None]
    return found or None


def _described(record: Any, writer: Writer) -> str:
    description = writer.text(record, "description")
    return f"{writer.name(record)}: {description}" if description else writer.name(record)


def multilateral(*, user: User, language: str) -> list[Section] | None:
    """Multilateral forums and organizations, the areas of engagement, Canada's roles."""
    writer = Writer(language)
    found = by_key(facts(user, "multilateral"))
    forums = {f.slug: f for f in Forum.objects.restrict(user, "view")}
    organizations = {o.slug: o for o in Organization.objects.restrict(user, "view")}
    frameworks = list(Framework.objects.restrict(user, "view").filter(kind="compact"))
    shown: list[Any] = []

    def pick(records: dict[str, Any], *slugs: str) -> list[Any]:
        chosen = [records[slug] for slug in slugs if slug in records]
        shown.extend(chosen)
        return chosen

    key_partners = [_described(r, writer) for r in pick(forums, "migration-five")]
    key_partners += [_described(r, writer) for r in pick(forums, "five-country-ministerial")] + [
        _described(r, writer) for r in pick(organizations, "unhcr", "iom")
    ]
    areas = [_described(r, writer) for r in frameworks]
    shown.extend(frameworks)
    areas += [_described(r, writer) for r in pick(forums, "global-task-force-labour-mobility")]
    if "area-balanced-narratives" in found:
        areas.append(bullet(found["area-balanced-narratives"], writer))
        shown.append(found["area-balanced-narratives"])
    discussions = [writer.name(r) for r in pick(forums, "igc", "un-network-on-migration", "gfmd")]
    discussions += [writer.name(r) for r in pick(organizations, "migration-policy-institute")]
    if discussions:
        areas.append(
            _("Participating actively in global migration and protection discussions through: %s.")
            % "; ".join(discussions)
        )
    purpose = found.get("multilateral-engagement-purpose")
    if purpose is not None:
        shown.append(purpose)
    main = Section(
        key="multilateral",
        title=_("International Multilateral Engagement"),
        paragraphs=[bullet(purpose, writer)] if purpose else [],
        missing_french=writer.missing,
    )
    roles = list(partner_services.canada_roles(user=user))
    if roles:
        main.tables.append(
            Table(
                caption=_("Canada’s roles in forums"),
                columns=[_("Forum"), _("Role"), _("Period")],
                rows=[
                    [writer.name(r.forum), str(r.get_role_display()), period_text(r)] for r in roles
                ],
                illustrative=any(r.illustrative for r in roles),
            )
        )
    subsections = [
        Section(
            key="key-forums",
            title=_("Key international forums and organizations for IRCC"),
            items=key_partners,
            level=3,
        ),
        Section(key="key-areas", title=_("Key areas of IRCC engagement"), items=areas, level=3),
    ]
    sections = [mark(main, [*shown, *roles])] + [s for s in subsections if s.items]
    if not any(s.paragraphs or s.items or s.tables for s in sections):
        return None
    return sections
