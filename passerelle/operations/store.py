"""Where the application records and the cube live: Parquet files under the data directory.

    <PASSERELLE_DATA_DIR>/operations/
        records/decision_month=YYYYMM/data.parquet   (0 = pending), sorted by citizenship,
                                                     office, program, so DuckDB skips row groups
        cube/decision_month=YYYYMM/data.parquet      the metric cube of that month
        intake.parquet                               received per group and received month
        days/decision_month=YYYYMM/data.parquet      days histograms for exact roll-ups
        intake-delta/*.parquet                       intake changes staged by ingests
        state.json                                   months to refresh, illustrative flag

Only aggregates (signals, service standards) go to the relational database; the records stay here.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    import duckdb

ROW_GROUP_ROWS = 65_536


class NoData(Exception):
    """Nothing has been built yet."""


def root() -> Path:
    """The operations directory (settings.OPERATIONS_DIR in tests, else under DATA_DIR)."""
    base = getattr(settings, "OPERATIONS_DIR", None) or settings.DATA_DIR / "operations"
    return Path(base)


def records_dir() -> Path:
    return root() / "records"


def cube_dir() -> Path:
    return root() / "cube"


def days_dir() -> Path:
    return root() / "days"


def intake_path() -> Path:
    return root() / "intake.parquet"


def partition_file(base: Path, month: int) -> Path:
    return base / f"decision_month={month}" / "data.parquet"


def months_in(base: Path) -> list[int]:
    """The decision months (YYYYMM, 0 for pending) with a partition under `base`."""
    if not base.exists():
        return []
    return sorted(
        int(p.name.split("=", 1)[1])
        for p in base.iterdir()
        if p.name.startswith("decision_month=") and (p / "data.parquet").exists()
    )


def glob(base: Path) -> str:
    return str(base / "decision_month=*" / "data.parquet")


def has_records() -> bool:
    return bool(months_in(records_dir()))


def has_cube() -> bool:
    return bool(months_in(cube_dir()))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection, with a memory limit that leaves room for the rest.
    DuckDB is imported here, not with the module: the pages and URLs that only ask whether the
    store exists (`has_cube`, `is_illustrative`) do not pay for it."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{getattr(settings, 'OPERATIONS_MEMORY_LIMIT', '2GB')}'")
    con.execute("SET preserve_insertion_order = false")
    return con


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write `target` through `write(temporary)`, then rename the temporary file into place, so
    that a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    write(temporary)
    os.replace(temporary, target)


def remove_partition(base: Path, month: int) -> None:
    folder = partition_file(base, month).parent
    if folder.exists():
        shutil.rmtree(folder)


def read_state() -> dict[str, Any]:
    path = root() / "state.json"
    if not path.exists():
        return {"dirty_months": [], "illustrative": False, "ingests": []}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def write_state(state: dict[str, Any]) -> None:
    text = json.dumps(state, indent=1, sort_keys=True)
    write_atomically(root() / "state.json", lambda path: path.write_text(text, encoding="utf-8"))


def is_illustrative() -> bool:
    """True when any ingested file was synthetic (or marked illustrative at ingest)."""
    return bool(read_state().get("illustrative"))
