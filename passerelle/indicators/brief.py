"""The indicators' sections of the briefs: a country's figures (country brief, order 80) and the
global figures reconciled with the binder's (Fundamental Brief, order 25)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passerelle.briefs.facts import mark
from passerelle.briefs.sections import (
    Figure,
    Footnote,
    Section,
    Table,
)
from passerelle.core.models import Source
from passerelle.core.templatetags.passerelle import (
    compact,
    fact_value,
    localized,
    longdate,
    number,
    percent,
)
from passerelle.indicators import services
from passerelle.indicators.models import Observation, Unit


def footnote(source: Source, period: str = "") -> Footnote:
    """The source of a figure, in the active language."""
    text = f"{localized(source, 'publisher')}, {localized(source, 'title')}"
    if source.edition:
        text += f", {source.edition}"
    if source.retrieved:
        text += " (" + _("retrieved %(date)s") % {"date": longdate(source.retrieved)} + ")"
    return Footnote(source=text, as_of=period)


def formatted(observation: Observation) -> str:
    """The value formatted for the language and the unit."""
    value = observation.value
    if value is None:
        return observation.get_status_display()
    unit = observation.indicator.unit
    if unit == Unit.PERCENT:
        return percent(round(value, 1))
    if unit == Unit.USD:
        return _("US$%(amount)s") % {"amount": compact(value)}
    if unit == Unit.DAYS:
        return _("%(n)s days") % {"n": number(value)}
    return compact(value) if abs(value) >= 1_000_000 else number(value)


def country_section(country: Any, *, user: Any, language: str) -> Section | None:
    """The country's latest imported figures, each footnoted."""
    figures = services.country_figures(user, country.iso_alpha3)
    if not figures:
        return None
    section = Section(
        key="indicators",
        title=_("Migration indicators"),
        figures=[
            Figure(
                label=str(label),
                value=formatted(observation),
                footnote=footnote(observation.source, observation.period),
                illustrative=observation.illustrative,
            )
            for label, observation in figures
        ],
    )
    return mark(section, [observation for _label, observation in figures])


def global_figures_section(*, user: Any, language: str) -> Section | None:
    """The binder's headline figures beside the imported series, differences explained."""
    reconciled = [r for r in services.reconciliations(user) if r.observation is not None]
    if not reconciled:
        return None
    rows, figures, paragraphs = [], [], []
    for item in reconciled:
        observation = item.observation
        assert observation is not None
        title = localized(item.fact, "title")
        rows.append([title, fact_value(item.fact), formatted(observation), str(item.explanation)])
        figures.append(
            Figure(
                label=f"{observation.indicator.name} ({observation.geography}, "
                f"{observation.period})",
                value=formatted(observation),
                footnote=footnote(observation.source, observation.period),
            )
        )
        if item.coverage_warning:
            paragraphs.append(
                _(
                    "The UNHCR figure imported is partial: the file covers only some countries "
                    "of asylum (%(notes)s)."
                )
                % {"notes": observation.notes}
            )
    section = Section(
        key="global-figures",
        title=_("Global figures, reconciled"),
        paragraphs=[
            _(
                "The binder’s figures are kept as the binder cites them; the imported series "
                "are shown beside them, with why they differ."
            ),
            *paragraphs,
        ],
        figures=figures,
        tables=[
            Table(
                caption=_("The binder’s figures and the imported series"),
                columns=[_("Figure"), _("Binder"), _("Imported"), _("Why they differ")],
                rows=rows,
            )
        ],
    )
    return mark(section, [item.observation for item in reconciled])
