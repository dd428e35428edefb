"""The operations panel of a country's page: its decisions in the latest twelve months by
program, its pending inventory, the signals worth raising (significantly worse than their
baseline) and, apart, the significant improvements."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import get_language

from passerelle.core.panels import PanelResult
from passerelle.core.reader import current_reader
from passerelle.geo.models import Country
from passerelle.operations import analytics, codes, store
from passerelle.operations.cache import per_generation
from passerelle.operations.models import IrritantSignal, SignalQuerySet
from passerelle.operations.signals import latest_periods
from passerelle.operations.views.explorer import month_label


def country_summary(iso3: str) -> dict[str, Any] | None:
    """The latest twelve months of decisions on a citizenship's applications, or None.

    Computed once per store generation, country and language (an ingest or a build makes a new
    generation, so the cached summary goes with it): a country page pays the DuckDB roll-ups
    once, not on every request."""
    summary = per_generation(
        ("country", iso3, get_language()), lambda: _country_summary(iso3) or {}
    )
    if summary and summary["illustrative"]:
        current_reader().marking.add(0, True, (str(store.RECORDS_PART), store.RECORDS_PART))
    return summary or None


def _country_summary(iso3: str) -> dict[str, Any] | None:
    periods = latest_periods()
    if periods is None:
        return None
    span = periods.current
    total = analytics.rollup(citizenship=iso3, months=span)
    if not total.decided:
        return None
    by_program = [
        {
            # as text in the language of the key (a lazy label, unpickled from the cache, costs
            # a new class each time)
            "program": str(codes.PROGRAMS.get(key["program"], key["program"])),
            "code": key["program"],
            **m.as_dict(),
        }
        for key, m in analytics.breakdown(by=("program",), citizenship=iso3, months=span)
    ]
    inventory = analytics.inventory(citizenship=iso3)
    pending = inventory[-1]["pending"] if inventory else 0
    return {
        "start": str(month_label(span[0])),
        "end": str(month_label(span[1])),
        "total": total.as_dict(),
        "by_program": by_program,
        "pending": pending,
        "illustrative": store.is_illustrative(),
    }


def country_panel(request: HttpRequest, country: Country) -> PanelResult:
    if not request.user.has_perm("operations.view_irritantsignal"):
        return None
    summary = country_summary(country.iso_alpha3)
    if summary is None:
        return None
    signals = cast(
        SignalQuerySet,
        IrritantSignal.objects.restrict(request.user, "view").filter(
            citizenship=country.iso_alpha3
        ),
    )
    raising = list(signals.worth_raising()[:10])
    improvements = list(signals.improvements()[:10])
    return (
        "operations/country_panel.html",
        {
            "operations": summary,
            "operations_signals": raising,
            "operations_improvements": improvements,
            "shown": [*raising, *improvements],
        },
    )
