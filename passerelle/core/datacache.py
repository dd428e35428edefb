"""What a page computes from the records, kept in the cache until the next write.

A page's figures or panel change only when a record is written, so they may be kept under a key
made of

- the **data version**: the newest change record (core/changelog.py writes one for every create,
  update and delete, on every path — pages, API, imports, commands; bulk writes through
  `record_bulk`): any write anywhere gives a new key, so a reclassified record, a new one or a
  link hidden from some readers never leaves an old answer behind; with it, the state of what
  is kept outside the database (`register_version`: the operations store's generation);
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
import io
import pickle
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import get_language

from passerelle.core.reader import current_reader, marking_scope

TIMEOUT = 600
T = TypeVar("T")


def data_version() -> str:
    """The newest change record: its number, time and run (a number alone could come back
    after a backup is restored, or a test's rollback, naming other records). Read once per
    request: a write later in the same request can only make the key older than the data,
    never newer, so nothing stale is ever served under a newer key."""
    reader = current_reader()
    if reader.system:
        return _newest_change()
    return str(reader.cached("data_version", _newest_change))


def _newest_change() -> str:
    from passerelle.core.models import ChangeRecord

    newest = ChangeRecord.every.order_by("-pk").values_list("pk", "time", "request_id").first()
    version = "none" if newest is None else ":".join(str(part) for part in newest)
    return "|".join([version, *(other() for other in OTHER_VERSIONS)])


# What else pages show that is not written through the change log, each with a function that
# names its current state (the operations store registers its generation: an ingest or a build
# gives a new one).
OTHER_VERSIONS: list[Callable[[], str]] = []


def register_version(version: Callable[[], str]) -> None:
    if version not in OTHER_VERSIONS:
        OTHER_VERSIONS.append(version)


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
    if hit is None:
        if getattr(_computing, "active", False):  # within another entry's computation
            return _compute(key, compute)
        # One thread of the process computes an entry; the others asking for it meanwhile
        # wait for it, instead of all computing it at once (after a write, or on expiry).
        with _STRIPES[int(key[-8:], 16) % len(_STRIPES)]:
            hit = cache.get(key)
            if hit is None:
                _computing.active = True
                try:
                    return _compute(key, compute)
                finally:
                    _computing.active = False
    value, level, illustrative, parts = pickle.loads(hit)  # noqa: S301 (our own cache's)
    current.marking.add(level, illustrative)
    for part in parts.items():
        current.marking.add(level, illustrative, part)
    return value


_STRIPES = [threading.Lock() for _ in range(64)]
_computing = threading.local()  # `active` while this thread computes an entry


def _compute(key: str, compute: Callable[[], T]) -> T:
    with marking_scope() as scope:
        value = compute()
    kept = (value, scope.level, scope.illustrative, dict(scope.parts))
    cache.set(key, _in_words(kept), TIMEOUT)
    return value


class _WordsPickler(pickle.Pickler):
    """Keeps a lazy translation as the text it is in the active language (the key holds the
    language): unpickled, a lazy string costs a new class each time (Django's `lazy`)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def _in_words(value: Any) -> bytes:
    out = io.BytesIO()
    _WordsPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()
