"""What else goes when a record is deleted, as its reader may know it.

Deleting a record deletes what cascades from it and is refused while a protected link points to
it. A reader may see only part of that: what they may not see is never named, and a deletion
that would take or is held by records they may not see is refused, with the same words as one
held by records they see ("other records depend on it"), so it neither destroys what the deleter
could not know of nor tells what it is. (That a deletion is refused at all is the one thing it
must tell: a unique key's "already in use" is the same.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from passerelle.core.reader import Reader, as_system, current_reader
from passerelle.core.visibility import sees


@dataclass
class DeletionPlan:
    """What deleting `records` would take, as the reader may know it."""

    taken: list[models.Model] = field(default_factory=list)  # seen by the reader
    held_by: list[models.Model] = field(default_factory=list)  # seen protected links
    hidden: bool = False  # some record taken or holding is not seen by the reader

    @property
    def allowed(self) -> bool:
        return not self.held_by and not self.hidden


def plan(records: list[models.Model], reader: Reader | None = None) -> DeletionPlan:
    """The plan of deleting `records` (the current reader's by default)."""
    reader = reader or current_reader()
    result = DeletionPlan()
    with as_system():
        collector = Collector(using=DEFAULT_DB_ALIAS)
        try:
            collector.collect(records)
        except (ProtectedError, RestrictedError) as error:
            blocking = (
                error.protected_objects
                if isinstance(error, ProtectedError)
                else (error.restricted_objects)
            )
            for record in blocking:
                _sort(record, reader, result.held_by, result)
            return result
        for model_records in collector.data.values():
            for record in model_records:
                if record not in records:
                    _sort(record, reader, result.taken, result)
        for queryset in collector.fast_deletes:
            for record in queryset:
                _sort(record, reader, result.taken, result)
    return result


def _sort(record: Any, reader: Reader, seen: list[models.Model], result: DeletionPlan) -> None:
    if not sees(record, reader):
        result.hidden = True
    elif not record._meta.auto_created:  # a many-to-many link's row is no record to name
        seen.append(record)


def describe(record: models.Model) -> str:
    """A record as a refusal names it: its kind and its name, e.g. "membership « … »"."""
    return f"{record._meta.verbose_name} « {record} »"
