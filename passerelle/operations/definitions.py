"""The metric definitions, written once with Ibis so that the same expressions run on DuckDB (here),
PostgreSQL and Spark (docs/scaling.md).

A record table has the columns of codes.COLUMNS. `prepare()` adds `days` (decision date minus
received date, in days) and `decision_month` / `received_month` as integers YYYYMM (0 while
pending), portable on every backend. `metrics()` groups by any dimensions and returns:

- decided: approved + refused + withdrawn; approved, refused, withdrawn: counts;
- approval_rate: approved / (approved + refused), null when there is none;
- median_days, p80_days: exact quantiles of `days` over approved and refused decisions, with
  linear interpolation (DuckDB's quantile_cont, PostgreSQL's percentile_cont, Spark's percentile),
  both asked in one call.

Counts use `count(where=...)`, never a sum of booleans (PostgreSQL would return NUMERIC).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

DIMENSIONS = ("citizenship", "office", "program")
QUANTILES = (0.5, 0.8)


def prepare(records: ir.Table) -> ir.Table:
    """The records with `days`, `decision_month` and `received_month` (YYYYMM integers)."""
    columns: dict[str, Any] = {
        "days": records.decision_date.delta(records.received_date, unit="day"),
        "received_month": records.received_date.year() * 100 + records.received_date.month(),
    }
    if "decision_month" not in records.columns:
        columns["decision_month"] = ibis.coalesce(
            records.decision_date.year() * 100 + records.decision_date.month(), 0
        )
    return records.mutate(**columns)


def select(
    records: ir.Table,
    *,
    citizenship: str | None = None,
    office: str | None = None,
    program: str | None = None,
    year: Any = None,
    month: Any = None,
    months: tuple[Any, Any] | None = None,
) -> ir.Table:
    """Prepared records filtered on any dimension given (None: not filtered); year and month are
    decision year and month, `months` a range of decision months (YYYYMM, inclusive). Values
    may be Ibis expressions (placeholders of a compiled query)."""
    predicates = []
    if months is not None:
        predicates.append(records.decision_month.between(*months))
    for column, value in (("citizenship", citizenship), ("office", office), ("program", program)):
        if value is not None:
            predicates.append(records[column] == value)
    if year is not None and month is not None:
        predicates.append(records.decision_month == year * 100 + month)
    elif year is not None:
        predicates.append(records.decision_month.between(year * 100 + 1, year * 100 + 12))
    elif month is not None:
        predicates.append(records.decision_month % 100 == month)
    return records.filter(*predicates) if predicates else records


def metrics(records: ir.Table, *, by: Sequence[str] = ()) -> ir.Table:
    """The decision metrics of prepared records, grouped by `by` (nothing: one row)."""
    decision = records.decision
    # the days of approved and refused decisions only; others are null and ignored
    quantile_days = ibis.ifelse(decision.isin(("approved", "refused")), records.days, None)
    aggregates = {
        "decided": records.count(where=decision.isin(("approved", "refused", "withdrawn"))),
        "approved": records.count(where=decision == "approved"),
        "refused": records.count(where=decision == "refused"),
        "withdrawn": records.count(where=decision == "withdrawn"),
        "quantiles": quantile_days.quantile(list(QUANTILES)),
    }
    grouped = (
        records.group_by(list(by)).aggregate(**aggregates)
        if by
        else records.aggregate(**aggregates)
    )
    judged = grouped.approved + grouped.refused
    return grouped.mutate(
        approval_rate=ibis.ifelse(judged > 0, grouped.approved / judged.cast("float64"), None),
        median_days=grouped.quantiles[0],
        p80_days=grouped.quantiles[1],
    ).drop("quantiles")


def cube(records: ir.Table) -> ir.Table:
    """The metric cube: per citizenship x office x program x decision month, decided records."""
    decided = records.filter(records.decision != "pending")
    return metrics(decided, by=[*DIMENSIONS, "decision_month"])


def intake(records: ir.Table) -> ir.Table:
    """Applications received per citizenship x office x program x received month."""
    return records.group_by([*DIMENSIONS, "received_month"]).aggregate(received=records.count())


def rollup(records: ir.Table, **filters: Any) -> ir.Table:
    """One row of metrics for prepared records filtered on any dimension (exact quantiles)."""
    return metrics(select(records, **filters))


def days_histogram(records: ir.Table) -> ir.Table:
    """The roll-up index: approved and refused decisions per office x program x decision month x
    decision x days. Exact quantiles over any union of its rows come from `histogram_metrics`."""
    judged = records.filter(records.decision.isin(("approved", "refused")))
    return judged.group_by(["office", "program", "decision_month", "decision", "days"]).aggregate(
        n=judged.count()
    )


def histogram_metrics(histogram: ir.Table, *, by: Sequence[str] = ()) -> ir.Table:
    """The exact quantiles (linear interpolation, as quantile_cont) of a days histogram, grouped
    by `by`: the value at 0-based rank r is the smallest `days` whose cumulative count exceeds r,
    and the quantile q lies between ranks floor((n-1)q) and the next."""
    keys = list(by)
    by_days = histogram.group_by([*keys, "days"]).aggregate(n=histogram.n.sum())
    window = ibis.window(group_by=keys or None, order_by=by_days.days, rows=(None, 0))
    ranked = by_days.mutate(
        cumulative=by_days.n.sum().over(window),
        total=by_days.n.sum().over(ibis.window(group_by=keys or None)),
    )
    aggregates: dict[str, Any] = {"judged": ranked.n.sum()}
    for index, q in enumerate(QUANTILES):
        position = (ranked.total - 1) * q
        low = position.floor()
        aggregates[f"low{index}"] = ranked.days.min(where=ranked.cumulative > low)
        aggregates[f"high{index}"] = ranked.days.min(where=ranked.cumulative > low + 1)
        aggregates[f"fraction{index}"] = (position - low).max()
    row = ranked.group_by(keys).aggregate(**aggregates) if keys else ranked.aggregate(**aggregates)
    columns: dict[str, Any] = {}
    for index, name in enumerate(("median_days", "p80_days")):
        low, high = row[f"low{index}"].cast("float64"), row[f"high{index}"].cast("float64")
        columns[name] = low + row[f"fraction{index}"] * (ibis.coalesce(high, low) - low)
    return row.mutate(**columns).select(*keys, "judged", "median_days", "p80_days")
