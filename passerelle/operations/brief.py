"""The operations section of the country brief (order 90): the latest twelve months of decisions
on the country's applications and the signals worth raising, marked illustrative when the
records are synthetic."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _

from passerelle.briefs.sections import Figure, Footnote, Section, Table
from passerelle.core.classification import highest
from passerelle.core.templatetags.passerelle import number
from passerelle.operations import codes
from passerelle.operations.models import IrritantSignal, SignalQuerySet
from passerelle.operations.panel import country_summary
from passerelle.operations.templatetags.operations import days, share


def country_section(country: Any, *, user: Any, language: str) -> Section | None:
    """The country's decisions by program and its significant signals, or None."""
    if not user.has_perm("operations.view_irritantsignal"):
        return None
    summary = country_summary(country.iso_alpha3)
    if summary is None:
        return None
    illustrative = bool(summary["illustrative"])
    note = Footnote(
        source=_("Department's application records (operations cube)")
        + (" — " + _("illustrative, generated data") if illustrative else ""),
        as_of=_("decisions from %(start)s to %(end)s") % summary,
    )
    total = summary["total"]
    figures = [
        Figure(_("Decisions"), number(total["decided"]), note, illustrative),
        Figure(_("Approval rate"), share(total["approval_rate"]), note, illustrative),
        Figure(
            _("Median days from receipt to decision"),
            days(total["median_days"]),
            note,
            illustrative,
        ),
        Figure(_("Applications pending"), number(summary["pending"]), note, illustrative),
    ]
    rows = [
        [
            str(codes.PROGRAMS.get(row["code"], row["code"])),
            number(row["decided"]),
            share(row["approval_rate"]),
            days(row["median_days"]),
            days(row["p80_days"]),
        ]
        for row in summary["by_program"]
    ]
    table = Table(
        caption=_("Decisions by program"),
        columns=[
            _("Program"),
            _("Decided"),
            _("Approval rate"),
            _("Median days"),
            _("80th percentile, days"),
        ],
        rows=rows,
        footnote=note,
        illustrative=illustrative,
    )
    signals = cast(
        SignalQuerySet,
        IrritantSignal.objects.restrict(user, "view").filter(citizenship=country.iso_alpha3),
    )
    raising = list(signals.worth_raising())
    improvements = list(signals.improvements())
    paragraphs = [
        _(
            "Rates and processing times of the latest twelve months of decisions. Differences "
            "between countries are statistical disparities, not evidence of bias."
        )
    ]
    for signal in raising:
        paragraphs.append(
            _("%(metric)s (%(comparison)s): %(value)s, up from %(baseline)s.")
            % _signal_values(signal)
        )
    for signal in improvements:
        paragraphs.append(
            _("Improvement — %(metric)s (%(comparison)s): %(value)s, down from %(baseline)s.")
            % _signal_values(signal)
        )
    shown = [*raising, *improvements]
    return Section(
        key="operations",
        title=_("Operations: decisions on applications"),
        paragraphs=paragraphs,
        figures=figures,
        tables=[table],
        classification=highest([s.classification for s in shown]),
        illustrative=illustrative or any(s.illustrative for s in shown),
    )


def _signal_values(signal: IrritantSignal) -> dict[str, str]:
    return {
        "metric": str(signal.get_metric_display()),
        "comparison": str(signal.get_comparison_display()).lower(),
        "value": share(signal.value),
        "baseline": share(signal.baseline),
    }
