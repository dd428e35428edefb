"""Run the Ibis definitions on another backend over a small record table, and compare with the
independent computation."""

from __future__ import annotations

from typing import Any

import ibis
import pyarrow as pa

from passerelle.operations import definitions
from passerelle.operations.tests.reference import expected, raw_rows

CHECKED: list[dict[str, Any]] = [
    {},
    {"citizenship": "IND"},
    {"program": "visitor_visa", "year": 2024},
    {"citizenship": "CHN", "office": "beijing"},
]


def plain(table: pa.Table) -> pa.Table:
    """Dictionary columns as plain strings (every backend takes those)."""
    return pa.table(
        {
            name: column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column
            for name, column in zip(table.column_names, table.columns, strict=True)
        }
    )


def check_backend(con: ibis.BaseBackend, records: Any, raw: pa.Table) -> None:
    """The roll-ups, the cube's totals and the days histogram's quantiles on `con`."""
    rows = raw_rows(raw)
    prepared = definitions.prepare(records)
    decided = prepared.filter(prepared.decision != "pending")
    for filters in CHECKED:
        got = con.to_pyarrow(definitions.rollup(decided, **filters)).to_pylist()[0]
        want = expected(rows, **filters)
        for key in ("decided", "approved", "refused", "withdrawn"):
            assert int(got[key]) == want[key], (filters, key)
        for key in ("approval_rate", "median_days", "p80_days"):
            assert abs(float(got[key]) - want[key]) < 1e-9, (filters, key, got[key], want[key])
    cube = con.to_pyarrow(definitions.cube(prepared)).to_pylist()
    assert sum(int(r["decided"]) for r in cube) == expected(rows)["decided"]
    histogram = definitions.days_histogram(definitions.select(prepared, year=2024))
    quantiles = con.to_pyarrow(definitions.histogram_metrics(histogram, by=["program"])).to_pylist()
    for row in quantiles:
        want = expected(rows, program=row["program"], year=2024)
        assert abs(float(row["median_days"]) - want["median_days"]) < 1e-9
        assert abs(float(row["p80_days"]) - want["p80_days"]) < 1e-9
