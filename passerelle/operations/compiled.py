"""The definitions' SQL for DuckDB, compiled by Ibis once and kept on disk, so that a process that
only runs it (a build, an ingest writing each month's roll-up index) does not import Ibis and
sqlglot and compile (about a second of every such process).

Each query is a definition of definitions.py over a table named `records` of a declared schema.
Its SQL is kept in `<data dir>/cache/sql/<name>-<digest>.sql`, the digest a SHA-256 of the
schema, definitions.py, this module and the versions of Ibis and sqlglot: a change to any of them
gives another name, so a stale query is never run. The definitions stay the one source; the file
is what `.pyc` is to a module. A caller runs the SQL on a connection where `records` names the
records it means (`run`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from passerelle.operations import codes

if TYPE_CHECKING:
    import duckdb
    import ibis.expr.types as ir

# the stored records' columns (codes.COLUMNS) and their types
RECORD_TYPES = {
    "application_id": "int64",
    "citizenship": "string",
    "residence": "string",
    "office": "string",
    "program": "string",
    "received_date": "date",
    "decision_date": "date",
    "decision": "string",
    "age_band": "string",
    "sex": "string",
}
assert tuple(RECORD_TYPES) == codes.COLUMNS
# the store read whole: the month from the partition folders' names
STORED_TYPES = {**RECORD_TYPES, "decision_month": "int64"}


def _cube(records: ir.Table) -> ir.Table:
    from passerelle.operations import definitions

    return definitions.cube(definitions.prepare(records))


def _intake(records: ir.Table) -> ir.Table:
    from passerelle.operations import definitions

    return definitions.intake(definitions.prepare(records))


def _days_histogram(records: ir.Table) -> ir.Table:
    from passerelle.operations import definitions

    return definitions.days_histogram(definitions.prepare(records)).drop("decision_month")


# name -> (the schema of `records`, the definition)
QUERIES: dict[str, tuple[dict[str, str], Callable[[ir.Table], ir.Table]]] = {
    "cube": (STORED_TYPES, _cube),  # over the whole store (or some of its months)
    "intake": (STORED_TYPES, _intake),
    "days_histogram": (RECORD_TYPES, _days_histogram),  # over one month's file
}


def folder() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "sql"


@cache
def digest(name: str) -> str:
    """What the query's SQL depends on: its schema, the definitions, this module, Ibis, sqlglot."""
    here = Path(__file__).parent
    sums = hashlib.sha256(f"{name} {sorted(QUERIES[name][0].items())}".encode())
    sums.update(f"ibis {version('ibis-framework')} sqlglot {version('sqlglot')}".encode())
    for file in (here / "definitions.py", here / "compiled.py"):
        sums.update(file.read_bytes())
    return sums.hexdigest()


def compile_sql(name: str) -> str:
    """The query's SQL, compiled by Ibis now."""
    import ibis

    types, define = QUERIES[name]
    return str(ibis.to_sql(define(ibis.table(types, name="records")), dialect="duckdb"))


def sql(name: str) -> str:
    """The query's SQL: read from the cache, else compiled and kept there."""
    path = folder() / f"{name}-{digest(name)}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    text = compile_sql(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)  # a reader sees the whole query or none
    return text


def run(con: duckdb.DuckDBPyConnection, name: str, records: str) -> str:
    """Point the view `records` of `con` at `records` (a FROM clause: a read_parquet call or a
    filtered subquery) and return the query's SQL to run or COPY on `con`."""
    con.execute(f"CREATE OR REPLACE TEMPORARY VIEW records AS SELECT * FROM {records}")  # noqa: S608
    return sql(name)
