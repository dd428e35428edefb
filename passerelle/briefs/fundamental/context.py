"""Context, the shifting landscape and its figures, trends, crisis measures, key takeaways."""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.briefs.facts import fact_section, facts
from passerelle.briefs.sections import Section
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User


def context(*, user: User, language: str) -> Section | None:
    """Context: why migration and protection call for international engagement."""
    return fact_section("context", _("Context"), facts(user, "context"), Writer(language))


def landscape(*, user: User, language: str) -> Section | None:
    """The shifting landscape and its headline figures, each with its original source."""
    writer = Writer(language)
    found = facts(user, "global-context")
    general = [fact for fact in found if fact.value is None]
    intro = [writer.text(fact, "text", label=f"Fact {fact.key}") for fact in general]
    return fact_section(
        "landscape",
        _("Shifting Global Migration and International Protection Landscape"),
        [fact for fact in found if fact.value is not None],
        writer,
        intro=intro,
    )


def trends(*, user: User, language: str) -> Section | None:
    """Key trends and cross-cutting issues."""
    return fact_section(
        "trends",
        _("Key Trends and Cross-Cutting Issues"),
        facts(user, "trends"),
        Writer(language),
        titled=True,
    )


def crisis_measures(*, user: User, language: str) -> Section | None:
    """Recent measures in response to international crises and humanitarian situations."""
    writer = Writer(language)
    found = facts(user, "crisis-measures")
    general = [fact for fact in found if not fact.countries.all() and fact.value is None]
    measures = [fact for fact in found if fact not in general]
    return fact_section(
        "crisis-measures",
        _("Recent Measures in Response to International Crises and Humanitarian Situations"),
        measures,
        writer,
        titled=True,
        intro=[writer.text(fact, "text", label=f"Fact {fact.key}") for fact in general],
    )


def takeaways(*, user: User, language: str) -> Section | None:
    """Key takeaways."""
    return fact_section("takeaways", _("Key Takeaways"), facts(user, "takeaways"), Writer(language))
