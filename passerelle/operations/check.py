"""`passerelle operations check`: the stored records, the roll-up index, the intake and the cube
checked against each other (each recomputed from the records and compared row for row).

Slow on purpose (it reads every record): run it after a crash, a restore, or to prove a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import ibis
import pyarrow as pa

from passerelle.operations import build, definitions, store


@dataclass
class CheckReport:
    records: int = 0
    months: int = 0
    problems: list[str] = field(default_factory=list)


def check() -> CheckReport:
    report = CheckReport()
    if not store.has_records():
        return report
    con = build.connect()
    records = build.records(con)
    report.records = int(records.count().to_pyarrow().as_py())
    stored = store.months_in(store.records_dir())
    report.months = len(stored)
    _check_records(con, records, report)
    state = store.read_state()
    dirty = set(state.get("dirty_months", []))
    decided = [m for m in stored if m]
    for month in decided:
        scoped = records.filter(records.decision_month == month)
        days = store.partition_file(store.days_dir(), month)
        if not days.exists():
            report.problems.append(f"month {month}: no roll-up index")
        else:
            expected = definitions.days_histogram(scoped).drop("decision_month")
            _compare(f"month {month}: roll-up index", _read(con, days), expected, report)
        cube = store.partition_file(store.cube_dir(), month)
        if month in dirty:
            continue  # an ingest touched it since the last build: `build` brings it up to date
        if not cube.exists():
            report.problems.append(f"month {month}: no cube (run `passerelle operations build`)")
        else:
            expected = definitions.cube(scoped).drop("decision_month")
            _compare(f"month {month}: cube", _read(con, cube), expected, report)
    stale = set(store.months_in(store.cube_dir())) - set(decided)
    report.problems += [f"month {m}: a cube without records" for m in sorted(stale)]
    _check_intake(con, records, report)
    con.disconnect()
    return report


def _check_records(con: ibis.BaseBackend, records: ibis.Table, report: CheckReport) -> None:
    duplicates = records.group_by("application_id").aggregate(n=records.count())
    count = duplicates.filter(duplicates.n > 1).count().to_pyarrow().as_py()
    if count:
        report.problems.append(f"{count} application ids stored more than once")
    decided = records.decision_date
    month = (decided.year() * 100 + decided.month()).fill_null(0)
    wrong = records.filter(month != records.decision_month).count().to_pyarrow().as_py()
    if wrong:
        report.problems.append(f"{wrong} records in the wrong month's partition")


def _check_intake(con: ibis.BaseBackend, records: ibis.Table, report: CheckReport) -> None:
    path = store.intake_path()
    deltas = sorted((store.root() / "intake-delta").glob("*.parquet"))
    if not path.exists():
        report.problems.append("no intake (run `passerelle operations build`)")
        return
    files = [str(p) for p in (path, *deltas)]
    keys = ["citizenship", "office", "program", "received_month"]
    held_all = con.read_parquet(files, union_by_name=True)
    held = held_all.group_by(keys).aggregate(received=held_all.received.sum())
    held = held.filter(held.received != 0)
    _compare("intake", held, definitions.intake(records), report)


def _read(con: ibis.BaseBackend, partition: Path) -> ibis.Table:
    """One month's file, without the month (DuckDB reads it from the folder's name)."""
    table = con.read_parquet(str(partition))
    return table.drop("decision_month") if "decision_month" in table.columns else table


def _compare(what: str, held: ibis.Table, expected: ibis.Table, report: CheckReport) -> None:
    """Compare two tables as multisets of rows (columns by name)."""
    columns = sorted(expected.columns)
    if sorted(held.columns) != columns:
        report.problems.append(f"{what}: columns {sorted(held.columns)}, expected {columns}")
        return
    left = _rows(held.select(columns).to_pyarrow())
    right = _rows(expected.select(columns).to_pyarrow())
    if left != right:
        extra, missing = len(set(left) - set(right)), len(set(right) - set(left))
        report.problems.append(
            f"{what}: differs from the records ({extra} rows held that the records do not give, "
            f"{missing} rows the records give that are not held)"
        )


def _rows(table: pa.Table) -> list[tuple[object, ...]]:
    return sorted(
        (tuple(str(v) for v in row.values()) for row in table.to_pylist()),
    )
