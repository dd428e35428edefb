"""A snapshot of what a unit of work wrote to the database, restored in a fraction of the time
the work took.

Tests use it for the reference dataset: `passerelle load-reference` takes about ten seconds (it
validates every record and writes the change log row by row), and many tests need its result,
not its process. The tests of the loader itself still load for real.

Rows are read and written with plain SQL, table by table, so that tables Django does not model
(SQLite's full-text index) come along; foreign keys are deferred to the end of the transaction
on both SQLite and PostgreSQL, so the order of the tables does not matter.

A test that commits (`transaction=True`) flushes the database afterwards, and Django then
creates the content types again, not always with the same ids: a snapshot keeps the content
types it saw by name, and a restore translates the columns that name one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

Row = tuple[Any, ...]


@dataclass
class TableChanges:
    """The rows of one table that a unit of work inserted, changed or deleted, by key."""

    key: str
    columns: list[str]
    written: list[Row] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)


@dataclass
class Snapshot:
    tables: dict[str, TableChanges]
    content_types: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(len(t.written) for t in self.tables.values())


def capture(work: Callable[[], object]) -> Snapshot:
    """Run `work` in a transaction that is rolled back, and return what it changed."""
    with transaction.atomic():
        before = _read_all()
        work()
        after = _read_all()
        transaction.set_rollback(True)
    return Snapshot(_difference(before, after), _content_types())


def restore(snapshot: Snapshot) -> None:
    """Write the snapshot's changes into the current transaction."""
    renumbered = _renumbering(snapshot)
    with transaction.atomic(), connection.cursor() as cursor:
        for table, changes in snapshot.tables.items():
            if renumbered:
                changes = _renumber(table, changes, renumbered)
            name = connection.ops.quote_name(table)
            key = connection.ops.quote_name(changes.key)
            gone = changes.removed + [row[0] for row in changes.written]
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {name} WHERE {key} IN ({marks})", chunk)  # noqa: S608
            if changes.written:
                columns = ", ".join(connection.ops.quote_name(c) for c in changes.columns)
                marks = ", ".join(["%s"] * len(changes.columns))
                cursor.executemany(
                    f"INSERT INTO {name} ({columns}) VALUES ({marks})",  # noqa: S608
                    [_adapt(row) for row in changes.written],
                )
        _reset_sequences(cursor, snapshot)


def _content_types() -> dict[int, tuple[str, str]]:
    from django.contrib.contenttypes.models import ContentType

    return {
        pk: (app, model)
        for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


def _renumbering(snapshot: Snapshot) -> dict[int, int]:
    """The content types whose id changed since the snapshot was taken: old id → new id."""
    now = {name: pk for pk, name in _content_types().items()}
    return {
        old: now[name]
        for old, name in snapshot.content_types.items()
        if name in now and now[name] != old
    }


def _renumber(table: str, changes: TableChanges, renumbered: dict[int, int]) -> TableChanges:
    from django.contrib.contenttypes.models import ContentType

    columns: set[str] = {
        str(field.column)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table == table
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is ContentType
    }
    if not columns:
        return changes
    at = [changes.columns.index(c) for c in columns]

    def translated(row: Row) -> Row:
        values = list(row)
        for i in at:
            values[i] = renumbered.get(values[i], values[i])
        return tuple(values)

    return TableChanges(
        changes.key, changes.columns, [translated(r) for r in changes.written], changes.removed
    )


def _tables() -> list[tuple[str, str, list[str]]]:
    """Every table with its key column (first) and its other columns."""
    found = []
    with connection.cursor() as cursor:
        virtual = _virtual_tables(cursor)
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_") or any(table.startswith(f"{v}_") for v in virtual):
                continue  # the database's own: SQLite's sequences, FTS5's shadow tables
            description = connection.introspection.get_table_description(cursor, table)
            columns = [column.name for column in description]
            key = connection.introspection.get_primary_key_column(cursor, table)
            if key is None:  # SQLite's virtual tables: their rowid is the key
                key = "rowid"
            found.append((table, key, [key] + [c for c in columns if c != key]))
    return found


def _virtual_tables(cursor: Any) -> list[str]:
    if connection.vendor != "sqlite":
        return []
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    return [name for (name,) in cursor.fetchall()]


def _read_all() -> dict[str, tuple[str, list[str], dict[Any, Row]]]:
    contents = {}
    with connection.cursor() as cursor:
        for table, key, columns in _tables():
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            contents[table] = (key, columns, {row[0]: tuple(row) for row in cursor.fetchall()})
    return contents


def _difference(
    before: dict[str, tuple[str, list[str], dict[Any, Row]]],
    after: dict[str, tuple[str, list[str], dict[Any, Row]]],
) -> dict[str, TableChanges]:
    tables = {}
    for table, (key, columns, rows) in after.items():
        earlier = before[table][2]
        written = [row for pk, row in rows.items() if earlier.get(pk) != row]
        removed = [pk for pk in earlier if pk not in rows]
        if written or removed:
            tables[table] = TableChanges(key, columns, written, removed)
    return tables


def _adapt(row: Row) -> Row:
    """PostgreSQL's driver reads JSON into Python objects; it writes them back only wrapped."""
    if connection.vendor != "postgresql":
        return row
    from psycopg.types.json import Jsonb

    return tuple(Jsonb(v) if isinstance(v, dict | list) else v for v in row)


def _reset_sequences(cursor: Any, snapshot: Snapshot) -> None:
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    models = [by_table[t] for t in snapshot.tables if t in by_table]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)
