"""Irritant signals: for each citizenship, its refusal rate and its share of decisions beyond the
service standard in the latest twelve months of the cube, against its own previous twelve months
and against every other citizenship in the same months; two-proportion z-tests, Wilson
intervals, and Benjamini–Hochberg control over all the tests of the run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis
from django.db import transaction

from passerelle.operations import statistics, store
from passerelle.operations.build import connect, records
from passerelle.operations.models import IrritantSignal, ServiceStandard

MINIMUM_DECISIONS = 30


@dataclass(frozen=True)
class Periods:
    current: tuple[int, int]  # first and last month, YYYYMM
    baseline: tuple[int, int]


def shift(month: int, months: int) -> int:
    """YYYYMM moved by `months` (negative: back)."""
    index = (month // 100) * 12 + month % 100 - 1 + months
    return (index // 12) * 100 + index % 12 + 1


def periods(latest: int) -> Periods:
    return Periods(
        current=(shift(latest, -11), latest), baseline=(shift(latest, -23), shift(latest, -12))
    )


def latest_periods() -> Periods | None:
    """The cube's latest twelve decision months and the twelve before; None before any build."""
    months = [m for m in store.months_in(store.cube_dir()) if m]
    return periods(months[-1]) if months else None


def month_start(month: int) -> date:
    return date(month // 100, month % 100, 1)


def month_end(month: int) -> date:
    following = month_start(shift(month, 1))
    return date.fromordinal(following.toordinal() - 1)


def counts(span: Periods, *, standards: dict[str, int]) -> dict[tuple[str, str], dict[str, Any]]:
    """(citizenship, "current"|"baseline") -> judged, refused, judged_std, beyond, median."""
    con = connect()
    table = records(con)
    table = table.filter(
        table.decision.isin(("approved", "refused")),
        table.decision_month.between(span.baseline[0], span.current[1]),
    )
    if standards:
        standard = ibis.cases(
            *[(table.program == p, days) for p, days in standards.items()], else_=None
        )
    else:
        standard = ibis.null().cast("int64")
    table = table.mutate(
        period=ibis.ifelse(table.decision_month >= span.current[0], "current", "baseline"),
        standard=standard,
    )
    grouped = table.group_by(["citizenship", "period"]).aggregate(
        judged=table.count(),
        refused=table.count(where=table.decision == "refused"),
        judged_std=table.count(where=table.standard.notnull()),
        beyond=table.count(where=table.days > table.standard),
        median=table.days.quantile(0.5),
    )
    return {(r["citizenship"], r["period"]): r for r in grouped.to_pyarrow().to_pylist()}


def tests(data: dict[tuple[str, str], dict[str, Any]]) -> list[statistics.Test]:
    """Every test with enough decisions on both sides."""
    found = []
    totals = {
        period: {
            k: sum(r[k] for (c, p), r in data.items() if p == period)
            for k in ("judged", "refused", "judged_std", "beyond")
        }
        for period in ("current", "baseline")
    }
    for citizenship in sorted({c for c, _p in data}):
        now = data.get((citizenship, "current"))
        before = data.get((citizenship, "baseline"))
        if not now:
            continue
        for metric, x_key, n_key in (
            (IrritantSignal.Metric.REFUSAL_RATE, "refused", "judged"),
            (IrritantSignal.Metric.BEYOND_STANDARD, "beyond", "judged_std"),
        ):
            x, n = now[x_key], now[n_key]
            if n < MINIMUM_DECISIONS:
                continue
            if before and before[n_key] >= MINIMUM_DECISIONS:
                found.append(
                    statistics.compare(
                        (citizenship, metric, IrritantSignal.Comparison.OWN_PAST),
                        x=x, n=n, x0=before[x_key], n0=before[n_key],
                    )
                )  # fmt: skip
            others_x = totals["current"][x_key] - x
            others_n = totals["current"][n_key] - n
            if others_n >= MINIMUM_DECISIONS:
                found.append(
                    statistics.compare(
                        (citizenship, metric, IrritantSignal.Comparison.GLOBAL),
                        x=x, n=n, x0=others_x, n0=others_n,
                    )
                )  # fmt: skip
    return found


def refresh_signals() -> int:
    """Recompute the signals of the latest twelve months; returns how many were recorded."""
    span = latest_periods()
    if span is None:
        return 0
    standards = dict(ServiceStandard.objects.values_list("program", "days"))
    data = counts(span, standards=standards)
    found = tests(data)
    q_values = statistics.adjust([t.p_value for t in found])
    illustrative = store.is_illustrative()
    with transaction.atomic():
        for test, q in zip(found, q_values, strict=True):
            citizenship, metric, comparison = test.key
            now, before = data[(citizenship, "current")], data.get((citizenship, "baseline"))
            IrritantSignal.objects.update_or_create(
                citizenship=citizenship,
                metric=metric,
                comparison=comparison,
                period_end=month_end(span.current[1]),
                defaults={
                    "period_start": month_start(span.current[0]),
                    "value": test.value,
                    "count": test.n,
                    "ci_low": test.ci_low,
                    "ci_high": test.ci_high,
                    "baseline": test.baseline,
                    "baseline_count": test.n0,
                    "median_days": now["median"],
                    "baseline_median_days": before["median"] if before else None,
                    "z": test.z,
                    "p_value": test.p_value,
                    "q_value": q,
                    "significant": q < statistics.FDR,
                    "illustrative": illustrative,
                },
            )
    return len(found)
