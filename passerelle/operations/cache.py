"""Results computed from the operations store, kept until the store changes.

The store changes only by an ingest or a build, and each makes a new generation (store.py): a
result is kept under its generation's name, so a new generation finds nothing kept and computes
afresh, by construction (no timer). What is kept is the store's own rows (codes and counts),
never what a reader was shown: the rows naming an office or a citizenship the reader may not see
are withheld, and the rest noted in the marking, after reading them from here (seen.py), for
each reader. The cache is Django's (per process by default: settings.CACHES).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from passerelle.operations import store

_T = TypeVar("_T")
_MISSING = object()


def generation() -> str:
    """A name for the store as readers see it now (the generation CURRENT names)."""
    return hashlib.sha256(str(store.root()).encode()).hexdigest()[:16]


def per_generation(key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """`compute()`, once per store generation and `key` (a tuple of plain values)."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    full = f"operations:{generation()}:{digest}"
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full, value, timeout=None)
    return value
