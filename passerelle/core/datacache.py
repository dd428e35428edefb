"""What a page computes from the records, kept in the cache until the next write.

A page's figures or panel change only when a record is written, so they may be kept under a key
made of

- the **data version**: the newest change record (core/changelog.py writes one for every create,
  update and delete, on every path — pages, API, imports, commands; bulk writes through
  `record_bulk`): any write anywhere gives a new key, so a reclassified record, a new one or a
  link hidden from some readers never leaves an old answer behind;
- **who reads**: what decides what they see (core/visibility.py) — their clearance and, for every
  model the answer reads, whether their role may view it (`reader_kind`) — or, for an answer that
  names its reader's own work (their requests, their follow-ups), the reader themselves
  (`reader_identity`); never one kind of reader's answer for another;
- the day (what is overdue, the current fiscal year), the language, and the caller's own parts.

The marking of what the answer was computed from (highest classification, illustrative parts)
is kept with it and counted again for the reader each time it is served, so a page made from
the cache is marked as one made from the records. Entries also expire after `TIMEOUT` seconds,
which bounds how long two writes committed out of order on PostgreSQL could leave an answer one
write behind. A system reader (a command) always computes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from passerelle.core.reader import current_reader, marking_scope

TIMEOUT = 600
T = TypeVar("T")


def data_version() -> str:
    """The newest change record: its number, time and run (a number alone could come back
    after a backup is restored, or a test's rollback, naming other records)."""
    from passerelle.core.models import ChangeRecord

    newest = ChangeRecord.every.order_by("-pk").values_list("pk", "time", "request_id").first()
    return "none" if newest is None else ":".join(str(part) for part in newest)


def reader_kind(models: Iterable[Any]) -> str:
    """What decides what the current reader sees of `models`: clearance and view permissions."""
    reader = current_reader()
    views = "".join("1" if reader.may(model) else "0" for model in models)
    return f"{reader.clearance}:{views}"


def reader_identity() -> str:
    """The current reader themselves (core/reader.py's key: their account and clearance; a
    change to their roles is a write, so a new data version): for an answer that names the
    reader's own work, or reads models of every app."""
    return repr(current_reader().key)


def cached(name: str, compute: Callable[[], T], *, reader: str) -> T:
    """`compute()` as the current reader, from the cache when the same `reader` (`reader_kind`
    or `reader_identity`) computed `name` at the same data version, today, in this language;
    its marking counted for the reader either way."""
    current = current_reader()
    if current.system:
        return compute()
    version = data_version()  # read before computing: a write after it gives a newer key
    raw = f"{name}|{version}|{reader}|{date.today().isoformat()}|{get_language()}"
    key = "datacache:" + hashlib.sha256(raw.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        value, level, illustrative, parts = hit
        current.marking.add(level, illustrative)
        for part in parts.items():
            current.marking.add(level, illustrative, part)
        return value
    with marking_scope() as scope:
        value = compute()
    cache.set(key, (value, scope.level, scope.illustrative, dict(scope.parts)), TIMEOUT)
    return value
