"""Who is reading, on every path, and what they have been shown.

Every read of a restricted model (querysets, related records, related managers) consults the
*current reader*: the signed-in user of a web or API request (set by `ReaderMiddleware`), the
`--user` of a command, or the reader a brief is built for (`reading_as(user)`). Outside any of
these — migrations, loaders, the shell, the test suite's set-up — the reader is the system, which
sees everything.

The reader also remembers the highest classification, and whether anything illustrative, of the
records it was given: that is the marking of the page, file, answer or brief being made, so a
marking never depends on a view remembering to count what it shows (`marking_scope()` measures a
part of it, such as one section of a brief).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from passerelle.core.classification import Classification

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

TOP = max(Classification.values)


@dataclass
class Marking:
    """The highest classification and whether anything illustrative, of what was shown; and
    which parts are illustrative (`parts`: key -> name, e.g. "engagements.engagement" ->
    "engagements"), so the page can say which of its parts were made up and which are real."""

    level: int = Classification.UNCLASSIFIED
    illustrative: bool = False
    parent: Marking | None = field(default=None, repr=False)
    parts: dict[str, Any] = field(default_factory=dict)

    def add(
        self, level: int, illustrative: bool = False, part: tuple[str, Any] | None = None
    ) -> None:
        """Count something shown: its classification, whether illustrative, and if so the part
        of the page it is (a key and a name, e.g. the model's label and plural name)."""
        marking: Marking | None = self
        while marking is not None:
            if level > marking.level:
                marking.level = level
            marking.illustrative = marking.illustrative or illustrative
            if illustrative and part is not None:
                marking.parts.setdefault(part[0], part[1])
            marking = marking.parent

    @property
    def classification(self) -> Classification:
        return Classification(self.level)


def model_part(model: type[Model]) -> tuple[str, Any]:
    """The part of a page a model's records make: its label, and its plural name (translated
    when shown)."""
    return model._meta.label_lower, model._meta.verbose_name_plural


class Reader:
    """The user whose clearance and permissions decide what may be read (`None`: nobody)."""

    system = False

    def __init__(self, user: Any = None) -> None:
        self._user = user
        self.marking = Marking()
        # Unguessable, so no record's text can forge the page's marking (see ReaderMiddleware).
        self.placeholder = secrets.token_hex(8)
        self._cache: dict[Any, Any] = {}

    @property
    def user(self) -> Any:
        return self._user

    def _signed_in(self) -> bool:
        user = self.user
        return bool(user is not None and user.is_authenticated and user.is_active)

    @property
    def clearance(self) -> int:
        return int(self.user.clearance) if self._signed_in() else -1

    @property
    def key(self) -> tuple[Any, ...]:
        """What decides visibility: two readers with the same key see the same records."""
        return ("user", self.user.pk, self.clearance) if self._signed_in() else ("nobody",)

    def may(self, model: type[Model], action: str = "view") -> bool:
        """Whether the reader's role grants `action` on `model`."""
        if not self._signed_in():
            return False
        meta = model._meta.concrete_model._meta  # type: ignore[union-attr]
        return bool(self.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"))

    def cached(self, key: Any, compute: Any) -> Any:
        """A value computed once per reader and identity (e.g. the codes it may not see)."""
        full = (self.key, key)
        if full not in self._cache:
            self._cache[full] = compute()
        return self._cache[full]

    def note(self, record: Any) -> None:
        """`record` is being shown: it counts in the marking."""
        illustrative = bool(getattr(record, "illustrative", 0))
        self.marking.add(
            int(getattr(record, "classification", 0) or 0),
            illustrative,
            model_part(type(record)) if illustrative else None,
        )

    @property
    def marking_settled(self) -> bool:
        """Nothing more can raise the marking (it is at the reader's clearance, illustrative);
        records of a model not yet among the illustrative parts may still add a part."""
        return self.marking.level >= self.clearance and self.marking.illustrative

    def part_known(self, model: type[Model]) -> bool:
        """Whether `model`'s records can add nothing to the marking: settled, and the model has
        no illustrative flag or is already among the illustrative parts."""
        if not self.marking_settled:
            return False
        has_flag = any(f.name == "illustrative" for f in model._meta.concrete_fields)
        return not has_flag or model._meta.label_lower in self.marking.parts


class RequestReader(Reader):
    """The user of a request, read when needed: API token authentication identifies the user
    only after the middleware has run (DRF then sets it on the request)."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__()
        self.request = request

    @property
    def user(self) -> Any:
        return getattr(self.request, "user", None)


class SystemReader(Reader):
    """Loaders, migrations, the change log and integrity checks: sees everything, and marks
    nothing (one reader for the whole process: what it reads is no one's page)."""

    system = True

    @property
    def marking(self) -> Marking:
        return Marking()

    @marking.setter
    def marking(self, value: Marking) -> None:
        return None

    @property
    def clearance(self) -> int:
        return TOP

    @property
    def key(self) -> tuple[Any, ...]:
        return ("system",)

    def may(self, model: type[Model], action: str = "view") -> bool:
        return True

    def note(self, record: Any) -> None:
        return None


SYSTEM = SystemReader()
_current: ContextVar[Reader | None] = ContextVar("reader", default=None)


def current_reader() -> Reader:
    """The reader of the request, command or brief being made; the system outside them."""
    return _current.get() or SYSTEM


@contextmanager
def reading(reader: Reader) -> Iterator[Reader]:
    """Read as `reader` inside the block."""
    token = _current.set(reader)
    try:
        yield reader
    finally:
        _current.reset(token)


@contextmanager
def reading_as(user: Any) -> Iterator[Reader]:
    """Read as `user` (their role and clearance) inside the block; `None` reads as nobody."""
    with reading(Reader(user)) as reader:
        yield reader


@contextmanager
def reading_as_user(user: Any) -> Iterator[Reader]:
    """Read as `user`: in the current context when it already reads as them (a request of
    theirs, so its marking counts what is read), else in a context of their own."""
    reader = current_reader()
    if not reader.system and reader.user is not None and reader.key == Reader(user).key:
        yield reader
        return
    with reading_as(user) as own:
        yield own


@contextmanager
def as_system() -> Iterator[Reader]:
    """Read everything inside the block: for integrity checks (a key must be unique among all
    records, seen or not) and derived data (the change log), never for what is shown."""
    with reading(SYSTEM) as reader:
        yield reader


@contextmanager
def marking_scope() -> Iterator[Marking]:
    """The marking of what is shown inside the block (it still counts for the whole)."""
    reader = current_reader()
    outer = reader.marking
    scope = Marking(parent=outer)
    reader.marking = scope
    try:
        yield scope
    finally:
        reader.marking = outer
