"""Work noted within a block and done once at its end: a load of many records saves each one, and
what each save would do again and again (re-index it for search, rewrite its project's totals)
is noted instead, and done for all of them together when the block ends without an error.

    totals = Deferral("programs_totals", rewrite)   # rewrite(keys: set) does the work
    with totals.deferred():
        ...                                         # each save: `if not totals.note(k): …`

The caller's transaction holds both the saves and the work; nothing is done if the block raises.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Deferral(Generic[K]):
    def __init__(self, name: str, work: Callable[[set[K]], None]) -> None:
        self._pending: ContextVar[set[K] | None] = ContextVar(name, default=None)
        self._work = work

    def note(self, keys: Iterable[K]) -> bool:
        """Note `keys` for the end of the enclosing block; False outside one (do it now)."""
        pending = self._pending.get()
        if pending is None:
            return False
        pending.update(keys)
        return True

    @contextmanager
    def deferred(self) -> Iterator[None]:
        pending: set[K] = set()
        token = self._pending.set(pending)
        try:
            yield
        finally:
            self._pending.reset(token)
        self._work(pending)
