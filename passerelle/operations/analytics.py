"""Exact metrics of any slice of the records, grouped or not, and the pending inventory.

Counts come from the cube (sums of exact counts). Quantiles are never averaged: when a
citizenship is named they are computed from its records (DuckDB reads only that citizenship's
row groups, the records being sorted by it, and only the months asked, the folders being
partitioned by decision month); otherwise from the days index, office x program x month
histograms over which the quantile of any union is exact.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from passerelle.operations import definitions, seen, store
from passerelle.operations.build import execute, shared, table
from passerelle.operations.cache import per_generation
from passerelle.operations.codes import GROUPS
from passerelle.operations.store import NoData

__all__ = ["GROUPS", "Metrics", "NoData", "breakdown", "inventory", "rollup"]


def _with_year(table: Any, by: list[str]) -> Any:
    """`table` with `decision_year` (YYYY, from the decision month) when grouped by it."""
    if "decision_year" not in by:
        return table
    return table.mutate(decision_year=table.decision_month // 100)


@dataclass(frozen=True)
class Metrics:
    """The metrics of one slice of the decided records."""

    decided: int
    approved: int
    refused: int
    withdrawn: int
    approval_rate: float | None
    median_days: float | None
    p80_days: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _expression(by: list[str], filters: dict[str, Any]) -> Any:
    if "first" in filters:
        first, last = filters.pop("first"), filters.pop("last")
        filters["months"] = (first, last)
    if filters.get("citizenship") or "citizenship" in by:
        records = table("records")
        records = definitions.select(records.filter(records.decision_month > 0), **filters)
        return definitions.metrics(_with_year(records, by), by=by)
    cube = _with_year(definitions.select(table("cube"), **filters), by)
    sums = {name: cube[name].sum() for name in ("decided", "approved", "refused", "withdrawn")}
    counts = cube.group_by(by).aggregate(**sums) if by else cube.aggregate(**sums)
    index = _with_year(definitions.select(table("days"), **filters), by)
    quantiles = definitions.histogram_metrics(index, by=by)
    if by:
        return counts.left_join(quantiles, by).select(*by, *sums, "median_days", "p80_days")
    return counts.cross_join(quantiles.select("median_days", "p80_days"))


def breakdown(*, by: tuple[str, ...] = (), **filters: Any) -> list[tuple[dict[str, Any], Metrics]]:
    """The metrics of the slice given by `filters` (citizenship, office, program, year, month,
    months: a range of YYYYMM), one row per value of the `by` columns (none: one row)."""
    if not store.has_cube():
        raise NoData("No cube: run `passerelle operations build`.")
    if seen.names_hidden(filters):
        return []
    keys = list(by)
    values = {k: v for k, v in filters.items() if v and k != "months"}
    if filters.get("months"):
        values["first"], values["last"] = filters["months"]
    shape = (tuple(keys), tuple(sorted(values)))
    rows = per_generation(
        ("breakdown", shape, tuple(sorted(values.items()))),
        lambda: execute(shape, lambda given: _expression(keys, dict(given)), values).to_pylist(),
    )
    result = []
    for row in sorted(seen.shown_rows(rows), key=lambda r: tuple(str(r[k]) for k in keys)):
        approved, refused = int(row["approved"] or 0), int(row["refused"] or 0)
        metrics = Metrics(
            decided=int(row["decided"] or 0),
            approved=approved,
            refused=refused,
            withdrawn=int(row["withdrawn"] or 0),
            approval_rate=approved / (approved + refused) if approved + refused else None,
            median_days=_number(row.get("median_days")),
            p80_days=_number(row.get("p80_days")),
        )
        result.append(({k: row[k] for k in keys}, metrics))
    return result


def rollup(**filters: Any) -> Metrics:
    """The exact metrics of the decided records matching every filter given."""
    rows = breakdown(**filters)
    return rows[0][1] if rows else Metrics(0, 0, 0, 0, None, None, None)


def inventory(
    *, citizenship: str | None = None, office: str | None = None, program: str | None = None
) -> list[dict[str, int]]:
    """Per month: applications received, decided, and pending at the month's end (everything
    received up to then minus everything decided up to then)."""
    if not store.has_cube() or not store.intake_path().exists():
        raise NoData("No cube: run `passerelle operations build`.")
    if seen.names_hidden({"citizenship": citizenship, "office": office}):
        return []
    return per_generation(
        ("inventory", citizenship, office, program),
        lambda: _inventory(citizenship=citizenship, office=office, program=program),
    )


def _inventory(
    *, citizenship: str | None, office: str | None, program: str | None
) -> list[dict[str, int]]:
    con = shared()[0].con
    where, params = [], []
    for column, value in (("citizenship", citizenship), ("office", office), ("program", program)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    query = f"""
        WITH received AS (
            SELECT received_month AS month, sum(received) AS n
            FROM read_parquet(?) {clause} GROUP BY 1),
        decided AS (
            SELECT decision_month AS month, sum(decided) AS n
            FROM read_parquet(?, hive_partitioning = true) {clause} GROUP BY 1),
        months AS (SELECT month FROM received UNION SELECT month FROM decided)
        SELECT m.month, coalesce(r.n, 0), coalesce(d.n, 0),
               sum(coalesce(r.n, 0) - coalesce(d.n, 0)) OVER (ORDER BY m.month)
        FROM months m LEFT JOIN received r USING (month) LEFT JOIN decided d USING (month)
        ORDER BY m.month
    """  # noqa: S608 - the clause holds fixed column names and placeholders only
    rows = con.execute(
        query, [str(store.intake_path()), *params, store.glob(store.cube_dir()), *params]
    ).fetchall()
    return [
        {"month": int(m), "received": int(r), "decided": int(d), "pending": int(p)}
        for m, r, d, p in rows
    ]
