"""The program dashboard's figures, computed once per data version and per kind of reader.

The figures (positions by envelope and fiscal year, results against targets, projects by
country, totals by recipient and by country) add up thousands of rows; they change only when a
record is written. So they are kept in the cache under a key made of

- the **data version**: the newest change record (core/changelog.py writes one for
  every create, update and delete, on every path — pages, API, imports, commands; bulk writes
  through `record_bulk`): any write anywhere gives a new key, so a reclassified project, a new
  transaction or a recipient hidden from some readers never leaves old figures behind;
- what decides **what the reader sees** (core/visibility.py): their clearance and, for every
  model the figures read, whether their role may view it — never the figures of one kind of
  reader for another;
- the day (the current fiscal year moves on April 1).

The marking of what the figures were computed from (highest classification, illustrative parts)
is kept with them and counted again for the reader each time they are served, so a page made
from the cache is marked as one made from the records. Entries expire after `TIMEOUT` seconds
too, which bounds how long two writes committed out of order on PostgreSQL could leave a
figure one write behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.cache import cache

from passerelle.core.models import ChangeRecord
from passerelle.core.reader import current_reader, marking_scope
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.models import (
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Project,
    Result,
    Transaction,
)

TIMEOUT = 600
READ = (
    FundingEnvelope,
    EnvelopeAllocation,
    Project,
    BudgetLine,
    Transaction,
    Result,
    Indicator,
    IndicatorPeriod,
    Country,
    Organization,
)

T = TypeVar("T")


def data_version() -> str:
    """The newest change record: its number, time and run (a number alone could come back
    after a backup is restored, or a test's rollback, naming other records)."""
    newest = ChangeRecord.every.order_by("-pk").values_list("pk", "time", "request_id").first()
    return "none" if newest is None else ":".join(str(part) for part in newest)


def reader_kind() -> str:
    """What decides what the current reader sees: clearance and view permissions."""
    reader = current_reader()
    views = "".join("1" if reader.may(model) else "0" for model in READ)
    return f"{reader.clearance}:{views}"


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()` as the current reader, from the cache when the same kind of reader computed
    it at the same data version today; its marking counted for the reader either way."""
    reader = current_reader()
    if reader.system:
        return compute()
    version = data_version()  # read before the figures: a write after it gives a newer key
    raw = f"{name}|{version}|{reader_kind()}|{date.today().isoformat()}"
    key = "programs:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        value, level, illustrative, parts = hit
        reader.marking.add(level, illustrative)
        for part in parts.items():
            reader.marking.add(level, illustrative, part)
        return value
    with marking_scope() as scope:
        value = compute()
    cache.set(key, (value, scope.level, scope.illustrative, dict(scope.parts)), TIMEOUT)
    return value
