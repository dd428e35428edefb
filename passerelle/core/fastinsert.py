"""Inserting many rows of one model quickly: one parameterised INSERT run with `executemany`
(SQLite), or COPY (PostgreSQL).

Django's `bulk_create` builds a model instance and prepares every field of every row (about
0.3 ms a row here), too slow for UNHCR's full table (139,000 rows and as many derived figures in
under 10 seconds). This writes the same columns with the values already in database form; like
`bulk_create` it bypasses model signals: the caller writes the change records of what it
inserted with `changelog.record_bulk` (indicators/importers/writer.py).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

BATCH = 5000


def insert(
    model: type[models.Model],
    rows: Iterable[dict[str, Any]],
    *,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Insert `rows` (attribute name → value; the other fields take their defaults, the
    timestamps now) and return how many."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    defaults: dict[str, Any] = {}
    for field in fields:
        if isinstance(field, models.DateTimeField):
            defaults[field.attname] = now
        elif field.attname == "version":
            defaults[field.attname] = 1
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        else:
            defaults[field.attname] = None
    dates = {f.attname for f in fields if type(f) is models.DateField}
    documents = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    # Table and column names come from the model, values are parameters: nothing from the file
    # is spliced into the statement.
    table = quote(str(model._meta.db_table))
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    if connection.vendor == "postgresql":
        sql = f"COPY {table} ({columns}) FROM STDIN"
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            values = {**defaults, **row}
            for name in dates:
                value = values[name]
                if isinstance(value, datetime.date):
                    values[name] = value.isoformat()
            for name in documents:
                if values[name] is not None and not isinstance(values[name], str):
                    values[name] = json.dumps(values[name], cls=DjangoJSONEncoder)
            batch.append([values[name] for name in names])
            if len(batch) == BATCH:
                count += _flush(cursor, sql, batch, progress)
                batch = []
        count += _flush(cursor, sql, batch, progress)
    return count


def _flush(
    cursor: Any, sql: str, batch: list[list[Any]], progress: Callable[[int], Any] | None
) -> int:
    if batch and sql.startswith("COPY"):
        # PostgreSQL: COPY is several times faster than INSERT for many rows (psycopg 3).
        with cursor.cursor.copy(sql) as copy:
            for row in batch:
                copy.write_row(row)
    elif batch:
        cursor.executemany(sql, batch)
    if batch and progress is not None:
        progress(len(batch))
    return len(batch)
