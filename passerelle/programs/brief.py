"""The briefs' capacity-building content, built from the program's records.

- The Fundamental Brief's "International Capacity Building" section (registered under the key
  the briefs app gave it, so it replaces the facts-based one): the binder's purpose and program
  text (facts), then each initiative and the envelopes from their records, in the binder's words
  and cited, with the program's live position for the current fiscal year beside them (marked
  illustrative where its figures are).
- The country brief's "Capacity-building projects" section: the projects covering the country.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.briefs.facts import bullet, by_key, facts, mark, period_text, with_citations
from passerelle.briefs.sections import Figure, Section, Table
from passerelle.briefs.sourcing import Writer, footnote
from passerelle.core.models import User
from passerelle.core.templatetags.passerelle import money
from passerelle.geo.models import Country
from passerelle.partners import services as partner_services
from passerelle.partners.models import Forum
from passerelle.programs import services
from passerelle.programs.models import FundingEnvelope, Initiative

PARTS = ("grsi", "mirps-support-platform", "racbi")  # the binder's order, IMCBP before RACBI


def _initiative(initiative: Initiative, user: User, language: str) -> Section:
    writer = Writer(language)
    figures = [
        Figure(
            label=writer.text(f, "label", label=f"Initiative figure {f.key}"),
            value=writer.text(f, "display") or f.display,
            footnote=footnote(f.citations.all(), writer),
            illustrative=f.illustrative,
        )
        for f in initiative.figures.all()
    ]
    section = Section(
        key=initiative.slug,
        title=writer.name(initiative),
        paragraphs=[writer.text(initiative, "description")],
        figures=figures,
        missing_french=writer.missing,
        level=3,
    )
    if initiative.forum is not None:
        roles = list(partner_services.roles_over_time(forum=initiative.forum, user=user))
        if roles:
            section.tables.append(
                Table(
                    caption=_("Roles in the %(forum)s over time")
                    % {"forum": writer.name(initiative.forum)},
                    columns=[_("Holder"), _("Role"), _("Period")],
                    rows=[
                        [writer.name(r.party), str(r.get_role_display()), period_text(r)]
                        for r in roles
                    ],
                    illustrative=any(r.illustrative for r in roles),
                )
            )
    return mark(section, [initiative, *initiative.figures.all()])


def _position_table(envelopes: list[FundingEnvelope], language: str) -> Table | None:
    year = services.current_fiscal_year()
    found = services.positions(envelopes=envelopes, years=[year])
    total = found.year_total(year)
    if not (total.allocated or total.committed or total.disbursed):
        return None
    writer = Writer(language)
    rows = []
    for envelope in envelopes:
        cell = found.cell(envelope, year)
        rows.append(
            [
                writer.text(envelope, "name"),
                money(cell.allocated),
                money(cell.committed),
                money(cell.disbursed),
            ]
        )
    return Table(
        caption=_("The program's position in fiscal year %(year)s, from its records")
        % {"year": year},
        columns=[_("Funding envelope"), _("Allocated"), _("Committed"), _("Disbursed")],
        rows=rows,
        illustrative=found.illustrative,
    )


def _program(found: dict, envelopes: list[FundingEnvelope], language: str) -> Section | None:
    head = found.get("imcbp")
    if head is None and not envelopes:
        return None
    writer = Writer(language)
    section = Section(
        key="imcbp",
        title=writer.text(head, "title")
        if head
        else _("International Migration Capacity Building Program"),
        paragraphs=[bullet(head, writer)] if head else [],
        items=[writer.text(e, "description") or writer.text(e, "name") for e in envelopes],
        level=3,
    )
    if envelopes:
        section.paragraphs.append(_("Funding envelopes under the program include:"))
    table = _position_table(envelopes, language)
    if table is not None:
        section.tables.append(table)
        section.illustrative = section.illustrative or table.illustrative
    section.missing_french = writer.missing
    return mark(section, [*([head] if head else []), *envelopes])


def capacity_building(*, user: User, language: str) -> list[Section] | None:
    """International capacity building: its purpose, then GRSI, the MIRPS Support Platform, the
    program and its envelopes, and RACBI."""
    found = by_key(facts(user, "capacity-building"))
    initiatives = {
        i.slug: i
        for i in with_citations(Initiative.objects.select_related("forum"), user).prefetch_related(
            "figures__citations__source"
        )
    }
    envelopes = list(with_citations(FundingEnvelope.objects.all(), user))
    if not (found or initiatives or envelopes):
        return None
    writer = Writer(language)
    purpose = found.get("capacity-building-purpose")
    sections = [
        mark(
            Section(
                key="capacity-building",
                title=_("International Capacity Building"),
                paragraphs=[bullet(purpose, writer)] if purpose else [],
                missing_french=writer.missing,
            ),
            [purpose] if purpose else [],
        )
    ]
    ordered = [initiatives.pop(slug) for slug in PARTS if slug in initiatives]
    ordered += list(initiatives.values())
    for initiative in ordered:
        if initiative.slug == "racbi":
            program = _program(found, envelopes, language)
            if program is not None:
                sections.append(program)
        sections.append(_initiative(initiative, user, language))
    if not any(s.key == "imcbp" for s in sections):
        program = _program(found, envelopes, language)
        if program is not None:
            sections.append(program)
    return sections


def country_projects(country: Country, *, user: User, language: str) -> Section | None:
    """The program's projects covering the country."""
    projects = services.projects_covering(country)
    if not projects:
        return None
    writer = Writer(language)
    rows = [
        [
            writer.text(p, "title", label=f"Project {p.reference_number}"),
            writer.name(p.recipient) if p.recipient else "—",
            writer.text(p.envelope, "name") if p.envelope else "—",
            f"{p.start_date.isoformat()} – {p.end_date.isoformat()}",
            money(p.current_value()),
            str(p.get_status_display()),
        ]
        for p in projects
    ]
    section = Section(
        key="capacity-building-projects",
        title=_("Capacity-building projects"),
        tables=[
            Table(
                caption=_("Projects of the International Migration Capacity Building Program"),
                columns=[
                    _("Project"),
                    _("Recipient"),
                    _("Funding envelope"),
                    _("Dates"),
                    _("Value"),
                    _("Status"),
                ],
                rows=rows,
                illustrative=any(p.illustrative for p in projects),
            )
        ],
        missing_french=writer.missing,
    )
    return mark(section, projects)


def forum_initiative(forum: Forum, *, user: User, language: str) -> Section | None:
    """The initiative a forum runs (the MIRPS Support Platform's), in the forum brief."""
    initiative = Initiative.objects.filter(forum=forum).first()
    if initiative is None:
        return None
    writer = Writer(language)
    projects = list(initiative.projects.select_related("recipient").order_by("-start_date"))
    section = Section(
        key="initiative",
        title=_("Capacity-building initiative: %(name)s") % {"name": writer.name(initiative)},
        paragraphs=[writer.text(initiative, "description")],
        items=[
            f"{writer.text(p, 'title', label=f'Project {p.reference_number}')} "
            f"({p.start_date.year}–{p.end_date.year}, {money(p.current_value())})"
            for p in projects
        ],
        missing_french=writer.missing,
    )
    return mark(section, [initiative, *projects])
