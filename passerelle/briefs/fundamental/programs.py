"""Capacity building (GRSI, the MIRPS Support Platform, the International Migration Capacity
Building Program and its funding envelopes, RACBI) and migration and protection diplomacy."""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.briefs.facts import bullet, by_key, fact_section, facts, figure, mark, period_text
from passerelle.briefs.sections import Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import Fact, User
from passerelle.engagements.models import Objective
from passerelle.partners import services as partner_services
from passerelle.partners.models import Forum

PARTS = (
    # (section key, fact keys: the first is the part's text, the others its figures or items)
    ("grsi", ("grsi", "grsi-protection-spaces", "grsi-countries-with-programs")),
    ("mirps-support-platform", ("mirps-support-platform",)),
    (
        "imcbp",
        (
            "imcbp",
            "imcbp-envelope-core-funding",
            "imcbp-envelope-removal-cooperation",
            "imcbp-envelope-americas",
            "imcbp-envelope-venezuelan-hosting",
            "imcbp-envelope-afghanistan-neighbours",
            "imcbp-envelope-climate-mobility",
        ),
    ),
    ("racbi", ("racbi",)),
)


def _part(key: str, found: list[Fact], writer: Writer) -> Section:
    head, rest = found[0], found[1:]
    envelopes = [f for f in rest if (f.attributes or {}).get("envelope")]
    section = Section(
        key=key,
        title=writer.text(head, "title", label=f"Fact {head.key}"),
        paragraphs=[bullet(head, writer)],
        items=[bullet(f, writer, titled=False) for f in envelopes],
        figures=[figure(f, writer) for f in found if f.value is not None],
        missing_french=writer.missing,
        level=3,
    )
    if envelopes:
        section.paragraphs.append(_("Funding envelopes under the program include:"))
    return mark(section, found)


def _mirps_roles(user: User, writer: Writer) -> Table | None:
    forum = Forum.objects.restrict(user, "view").filter(slug="mirps-support-platform").first()
    if forum is None:
        return None
    roles = list(partner_services.roles_over_time(forum=forum, user=user))
    if not roles:
        return None
    return Table(
        caption=_("Roles in the MIRPS Support Platform over time"),
        columns=[_("Holder"), _("Role"), _("Period")],
        rows=[[writer.name(r.party), str(r.get_role_display()), period_text(r)] for r in roles],
        illustrative=any(r.illustrative for r in roles),
    )


def capacity_building(*, user: User, language: str) -> list[Section] | None:
    """International capacity building and its four parts."""
    found = by_key(facts(user, "capacity-building"))
    if not found:
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
    for key, keys in PARTS:
        part = [found[k] for k in keys if k in found]
        if part and part[0].key == keys[0]:
            section = _part(key, part, Writer(language))
            if key == "mirps-support-platform":
                table = _mirps_roles(user, Writer(language))
                if table is not None:
                    section.tables.append(table)
            sections.append(section)
    return sections


def diplomacy(*, user: User, language: str) -> list[Section] | None:
    """Migration and protection diplomacy: its goals and its principles."""
    found = facts(user, "diplomacy")
    writer = Writer(language)
    goals = list(
        Objective.objects.restrict(user, "view").filter(kind="diplomacy_goal").order_by("order")
    )
    general = [f for f in found if (f.attributes or {}).get("kind") != "principle"]
    principles = [f for f in found if (f.attributes or {}).get("kind") == "principle"]
    if not (found or goals):
        return None
    main = mark(
        Section(
            key="diplomacy",
            title=_("Migration and Protection Diplomacy"),
            paragraphs=[bullet(f, writer) for f in general],
            items=[writer.text(goal, "name") for goal in goals],
            missing_french=writer.missing,
        ),
        [*general, *goals],
    )
    sections = [main]
    more = fact_section(
        "diplomacy-principles",
        _("Principles"),
        principles,
        Writer(language),
        level=3,
    )
    if more is not None:
        sections.append(more)
    return sections
