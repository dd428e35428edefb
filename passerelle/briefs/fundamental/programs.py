"""Migration and protection diplomacy. (International capacity building is built by the programs
app from its records: passerelle/programs/brief.py, registered under "capacity-building".)"""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.briefs.facts import bullet, fact_section, facts, mark
from passerelle.briefs.sections import Section
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User
from passerelle.engagements.models import Objective


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
