"""The roll-up index: for each decision month, the approved and refused decisions counted by
office x program x decision x days (`definitions.days_histogram`). The exact quantiles of a slice
that names no citizenship come from it (analytics.py): the quantile of any union of histograms
is exact.

Ingest writes a month's index from the same new records file it writes for that month, and swaps
both in together, so the index always matches the records; `build` only fills in a month that has
none (a store written before the index existed) and `build --reindex` recomputes every month.

    days/decision_month=YYYYMM/data.parquet   office, program, decision, days, n
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from passerelle.operations import compiled, store

if TYPE_CHECKING:
    import duckdb


def write(con: duckdb.DuckDBPyConnection, records_file: Path, target: Path) -> None:
    """Write the index of one month's records file to `target` (the month is the folder's),
    with the definition's SQL as compiled.py keeps it."""
    sql = compiled.run(con, "days_histogram", f"read_parquet({store.sql_string(records_file)})")
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({sql}) TO {store.sql_string(target)} (FORMAT parquet, COMPRESSION zstd)")


def staged(month: int) -> Path:
    """Where ingest writes a month's new index before swapping it in."""
    return store.partition_file(store.days_dir(), month).with_name("data.next")


def missing(months: list[int]) -> list[int]:
    """The decision months (of `months`) without an index."""
    base = store.days_dir()
    return [m for m in months if m and not store.partition_file(base, m).exists()]


def rebuild(months: list[int]) -> None:
    """Recompute the index of each decision month given, from its stored records."""
    con = store.connect()
    for month in months:
        source = store.partition_file(store.records_dir(), month)
        if not month or not source.exists():
            store.remove_partition(store.days_dir(), month)
            continue
        target = store.partition_file(store.days_dir(), month)
        store.write_atomically(target, partial(write, con, source))
