"""`passerelle operations build`: the metric cube, computed on DuckDB from the stored records
through the Ibis definitions (definitions.py), and the intake brought up to date; and the
connection the pages and the API read the store through (`shared`, `table`, `execute`).

A full build reads every month; an incremental build (the default once a cube exists) recomputes
only the decision months that ingests touched since the last build. Ingest keeps the roll-up index
(index.py) and stages the intake's changes as it stores records; the build adds those changes.
The build runs the definitions' SQL as compiled.py keeps it and writes with DuckDB alone: a build
process imports neither Ibis nor pyarrow.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from passerelle.operations import compiled, index, store

if TYPE_CHECKING:
    import duckdb
    import ibis
    import ibis.expr.types as ir
    import pyarrow as pa


@dataclass
class BuildResult:
    months: list[int]
    cube_rows: int
    seconds: float
    full: bool


def records(con: ibis.BaseBackend) -> ir.Table:
    """The stored records as an Ibis table (decision_month from the partition folders)."""
    from passerelle.operations import definitions

    table = con.read_parquet(store.glob(store.records_dir()), hive_partitioning=True)
    return definitions.prepare(table)


_local = threading.local()


_process: dict[str, Any] = {}
_process_lock = threading.Lock()


def shared() -> tuple[ibis.BaseBackend, dict[str, ir.Table]]:
    """One DuckDB database per process and store generation (one memory limit, opened once:
    opening one costs more than a roll-up), and per thread a cursor on it (a DuckDB connection
    is not shared between threads), with its tables (views over the Parquet folders, which
    DuckDB lists again at every query)."""
    import ibis

    key = str(store.root())
    if getattr(_local, "key", None) != key:
        with _process_lock:
            if _process.get("key") != key:
                old = _process.get("con")
                _process.update(key=key, con=store.connect())
                if old is not None:
                    old.close()  # the previous generation's: its threads' cursors end with it
            database = _process["con"]
        cursor = ibis.duckdb.from_connection(database.cursor())
        _local.key, _local.con, _local.tables, _local.templates = key, cursor, {}, {}
    return _local.con, _local.tables


def table(name: str) -> ir.Table:
    """A stored table by name (records, cube, days) on the shared connection."""
    con, tables = shared()
    if name not in tables:
        base = {"records": store.records_dir(), "cube": store.cube_dir(), "days": store.days_dir()}
        if name == "records":
            tables[name] = records(con)
        else:
            tables[name] = con.read_parquet(store.glob(base[name]), hive_partitioning=True)
    return tables[name]


_SENTINELS = {"year": 900000001, "month": 900000002, "first": 900000003, "last": 900000004}


def execute(
    key: tuple[Any, ...], make: Callable[[dict[str, Any]], ir.Expr], values: dict[str, Any]
) -> pa.Table:
    """Run the expression `make(values)` on the shared connection. Ibis compiles it once per
    `key` (the shape of the query) with placeholder values, and later calls put their values
    in the cached SQL: compiling costs more than a roll-up. Values are validated before (codes
    and integers) and quoted here."""
    import ibis

    con, _tables = shared()
    templates: dict[tuple[Any, ...], str] = _local.templates
    sql = templates.get(key)
    if sql is None:
        placeholders = {
            name: f"zzsentinel{name}zz"
            if isinstance(value, str)
            else ibis.literal(_SENTINELS[name], type="int64")
            for name, value in values.items()
        }
        sql = ibis.to_sql(make(placeholders), dialect="duckdb")
        templates[key] = sql
    for name, value in values.items():
        if isinstance(value, str):
            sql = sql.replace(f"'zzsentinel{name}zz'", store.sql_string(value))
        else:
            sql = sql.replace(str(_SENTINELS[name]), str(int(value)))
    return con.con.execute(sql).to_arrow_table()


def connect() -> ibis.BaseBackend:
    """An Ibis backend over store.connect()'s DuckDB connection (its memory limit)."""
    import ibis

    return ibis.duckdb.from_connection(store.connect())


def _write_cube(con: duckdb.DuckDBPyConnection, months: list[int], *, full: bool) -> int:
    """Compute the cube of `months` (every month: `full`) in one query, written month by month
    by DuckDB into a work folder, then renamed into place; a month without rows loses its
    partition. Returns the cube's rows."""
    sql = compiled.run(con, "cube", store.stored_records(None if full else months))
    work = store.work_folder("build")
    try:
        (rows,) = con.execute(
            f"COPY ({sql}) TO {store.sql_string(work)} (FORMAT parquet, COMPRESSION zstd, "
            "PARTITION_BY (decision_month), WRITE_PARTITION_COLUMNS true)"
        ).fetchone() or (0,)
        written = store.written_months(work)
        base = store.cube_dir()
        for month in sorted(set(months) | set(written)):
            files = written.get(month)
            if not files:
                store.remove_partition(base, month)
                continue
            # DuckDB writes one file per partition unless asked to split them (it is not)
            assert len(files) == 1, f"month {month}: DuckDB wrote {len(files)} cube files"
            target = store.partition_file(base, month)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(files[0], target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return int(rows)


def build(
    *,
    full: bool = False,
    reindex: bool = False,
    progress: Callable[[str], object] = lambda step: None,
) -> BuildResult:
    """Build the cube: every decision month (full, or the first build), else only the months
    ingests touched since the last build. The roll-up index and the intake are kept by ingest
    (index.py, the intake deltas): the build adds the staged intake deltas and fills in a month
    without an index. `reindex` recomputes the index and the intake from every record."""
    started = time.perf_counter()
    if not store.has_records():
        return BuildResult(months=[], cube_rows=0, seconds=0.0, full=full)
    with store.new_generation():
        months, cube_rows, full = _build(full=full, reindex=reindex, progress=progress)
    return BuildResult(
        months=months, cube_rows=cube_rows, seconds=time.perf_counter() - started, full=full
    )


def _build(
    *, full: bool, reindex: bool, progress: Callable[[str], object]
) -> tuple[list[int], int, bool]:
    state = store.read_state()
    stored = store.months_in(store.records_dir())
    full = full or not store.has_cube()
    decided = [m for m in stored if m]
    months = decided if full else sorted(set(state.get("dirty_months", [])) - {0})
    con = store.connect()
    progress("cube")
    cube_rows = _write_cube(con, months, full=full) if months else 0
    if full:
        _drop_stale(store.cube_dir(), keep=set(decided))
    progress("roll-up index")
    index.rebuild(decided if reindex else index.missing(decided))
    _drop_stale(store.days_dir(), keep=set(decided))
    progress("intake")
    _refresh_intake(con, recompute=reindex)
    state["dirty_months"] = []
    store.write_state(state)
    con.close()
    return months, cube_rows, full


def _drop_stale(base: Path, *, keep: set[int]) -> None:
    for month in store.months_in(base):
        if month not in keep:
            store.remove_partition(base, month)


def _refresh_intake(con: duckdb.DuckDBPyConnection, *, recompute: bool) -> None:
    """Add to the intake the deltas the ingests staged since the last build (each file's records
    counted, the versions they replaced taken off), or recompute it from every record (asked, or
    when there is neither an intake nor a delta: a store older than the deltas)."""
    path = store.intake_path()
    deltas = sorted((store.root() / "intake-delta").glob("*.parquet"))
    if recompute or not (path.exists() or deltas):
        query = compiled.run(con, "intake", store.stored_records())
    elif not deltas:
        return
    else:
        files = ", ".join(store.sql_string(p) for p in (path, *deltas) if p.exists())
        query = (
            "SELECT citizenship, office, program, received_month, sum(received) AS received "  # noqa: S608
            f"FROM read_parquet([{files}], union_by_name = true) "
            "GROUP BY ALL HAVING sum(received) <> 0"
        )
    typed = (
        "SELECT citizenship::VARCHAR AS citizenship, office::VARCHAR AS office, "  # noqa: S608
        "program::VARCHAR AS program, received_month::BIGINT AS received_month, "
        f"received::BIGINT AS received FROM ({query})"
    )
    store.write_atomically(
        path,
        lambda target: con.execute(
            f"COPY ({typed}) TO {store.sql_string(target)} (FORMAT parquet, COMPRESSION zstd)"
        ),
    )
    for delta in deltas:
        delta.unlink()
