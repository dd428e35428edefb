"""Querysets that cannot show a reader what they may not see (after NetBox's RestrictedQuerySet).

Every queryset of a restricted model keeps only what the *current reader* may see
(core/reader.py, core/visibility.py): the manager applies the rule when it makes a queryset, so
lists, related managers (`engagement.countries.all()`), prefetches and subqueries are cut down
without anyone asking; a queryset made earlier for another reader (a form field's choices, a
serializer's queryset, a module-level queryset) is cut down again by `.all()` and, at the latest,
when it is evaluated. What is evaluated counts in the reader's marking.

`restrict(user, action)` remains for the permission to act (`change`, `delete`) and for reading
as a user other than the current reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.query import ModelIterable, prefetch_related_objects

from passerelle.core.reader import Reader, as_system, current_reader, model_part
from passerelle.core.visibility import is_classified, sees, traversed_q, visible_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from passerelle.core.models import User

ACTIONS = ("view", "add", "change", "delete")
MARK = "marking_"  # the prefix of the marking's columns of a `marked()` query

_M = TypeVar("_M", bound=models.Model)


def permission_name(model: type[models.Model], action: str) -> str:
    """`app_label.action_modelname`, the permission Django creates for each model."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset that keeps only what its reader may see (see the module's docstring)."""

    # The key of the reader whose rule this queryset applies (None: nobody's yet).
    _reader_key: tuple[Any, ...] | None = None
    # A grouped values() query that carries its own marking (see `marked`).
    _self_marked = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fresh = kwargs.get("query", args[1] if len(args) > 1 else None) is None
        super().__init__(*args, **kwargs)
        if fresh and self.model is not None:
            # Made by a manager (the model's own, or a related manager): cut down at once, so
            # what is built on it, subqueries included, keeps only what the reader may see.
            self._restrict_in_place(current_reader())

    def _restrict_in_place(self, reader: Reader) -> None:
        if self._applies_to(reader):
            return
        condition = visible_q(self.model, reader)
        if condition is None:
            self.query.set_empty()
        elif condition:
            self.query.add_q(condition)
        self._reader_key = reader.key

    def _clone(self) -> RestrictedQuerySet[_M]:
        clone: RestrictedQuerySet[_M] = super()._clone()  # type: ignore[misc]
        clone._reader_key = self._reader_key
        clone._self_marked = self._self_marked
        return clone

    def marked(self) -> RestrictedQuerySet[_M]:
        """A grouped `values(...).annotate(...)` query that carries its own marking: each of its
        rows also gives the highest classification and the number of illustrative records among
        the rows it groups, and the marking is read from them — instead of running the query
        again as a subquery once it has been read (a second scan of every row it grouped)."""
        summary = {f"{MARK}{name}": value for name, value in _summary(self.model).items()}
        clone = self.annotate(**summary)
        clone._self_marked = True
        return clone

    # --- The rule ------------------------------------------------------------------------------

    def _applies_to(self, reader: Reader) -> bool:
        return reader.system or self._reader_key == reader.key

    def for_reader(self, reader: Reader | None = None) -> RestrictedQuerySet[_M]:
        """This queryset cut down to what `reader` (the current one) may see."""
        reader = reader or current_reader()
        if self._applies_to(reader) or self.query.is_sliced:
            return self
        condition = visible_q(self.model, reader)
        restricted = self.all_unrestricted()
        if condition is None:
            restricted.query.set_empty()
        elif condition:
            restricted.query.add_q(condition)
        restricted._reader_key = reader.key
        return restricted

    def _filter_or_exclude(self, negate: bool, args: Any, kwargs: Any) -> Any:
        # A condition on linked records (`memberships__country=…`) holds only over the linked
        # records the reader sees, in the same join: a forum is not found by a membership the
        # reader may not see.
        reader = current_reader()
        if not reader.system:
            condition = Q(*args, **kwargs)
            linked = traversed_q(self.model, condition, reader)
            if linked is not None:
                args, kwargs = (condition & linked,), {}
        return super()._filter_or_exclude(negate, args, kwargs)  # type: ignore[misc]

    def all_unrestricted(self) -> RestrictedQuerySet[_M]:
        """A copy, not cut down again (for the rule itself)."""
        return super().all()

    all_unrestricted.queryset_only = True  # type: ignore[attr-defined]

    def all(self) -> RestrictedQuerySet[_M]:
        # `.all()` is how forms, filters and serializers reuse a queryset made at import time.
        return super().all().for_reader()

    def restrict(
        self, user: User | AnonymousUser | None, action: str = "view"
    ) -> RestrictedQuerySet[_M]:
        """What `user` may see, and only if their role grants `action` on the model."""
        reader = Reader(user)
        permission_name(self.model, action)  # an unknown action is an error
        if not reader.may(self.model, action):
            return self.none()
        return self.for_reader(reader)

    # --- Evaluation: the rule applies at the latest here, and what is read is marked -----------

    def _fetch_all(self) -> None:
        if self._result_cache is not None:
            super()._fetch_all()
            return
        reader = current_reader()
        if not self._applies_to(reader):
            restricted = self.for_reader(reader)
            if restricted is not self:
                restricted._fetch_all()
                self._result_cache = restricted._result_cache
                self._prefetch_done = restricted._prefetch_done  # type: ignore[has-type]
                return
            super()._fetch_all()  # sliced before the reader was known: cut down in memory
            rows: list[Any] = self._result_cache or []
            self._result_cache = [row for row in rows if not _is_record(row) or sees(row, reader)]
        else:
            super()._fetch_all()
        self._mark(reader, self._result_cache or [])

    def _mark(self, reader: Reader, rows: list[Any]) -> None:
        if reader.system or reader.part_known(self.model) or not rows:
            return
        if self._self_marked and isinstance(rows[0], dict):
            level = max((row[f"{MARK}level"] or 0) for row in rows)
            illustrative = any(row.get(f"{MARK}illustrative") for row in rows)
            part = model_part(self.model) if illustrative else None
            reader.marking.add(level, illustrative, part)
            return
        if self._iterable_class is ModelIterable:
            _load_generic_parents(self.model, rows)
            for row in rows:
                reader.note(row)
        else:
            self._mark_rows(reader)

    def _mark_rows(self, reader: Reader) -> None:
        """Mark what a `values()`, `count()` or `aggregate()` read, from the rows it read."""
        if reader.system or reader.part_known(self.model) or not is_classified(self.model):
            return
        rows = self.all_unrestricted()
        rows.query.clear_limits()
        rows.query.clear_ordering(force=True)
        try:
            read: models.QuerySet[Any] = models.QuerySet(self.model, using=self.db).filter(
                pk__in=models.QuerySet.values(rows, "pk")
            )
            summary = read.aggregate(**_summary(self.model))
        except (FieldError, TypeError):
            # A shape the subquery cannot take: mark with everything the reader may see.
            seen: models.QuerySet[Any] = models.QuerySet(self.model, using=self.db).filter(
                visible_q(self.model, reader) or Q(pk=None)
            )
            summary = seen.aggregate(**_summary(self.model))
        illustrative = bool(summary.get("illustrative"))
        reader.marking.add(
            summary["level"] or 0, illustrative, model_part(self.model) if illustrative else None
        )

    def count(self) -> int:
        if self._result_cache is not None:
            return len(self._result_cache)
        reader = current_reader()
        restricted = self.for_reader(reader)
        if not restricted._applies_to(reader):
            return len(self)
        number = super(RestrictedQuerySet, restricted).count()
        if number:
            restricted._mark_rows(reader)
        return number

    def exists(self) -> bool:
        if self._result_cache is not None:
            return bool(self._result_cache)
        reader = current_reader()
        restricted = self.for_reader(reader)
        if not restricted._applies_to(reader):
            return bool(len(self))
        return super(RestrictedQuerySet, restricted).exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        reader = current_reader()
        restricted = self.for_reader(reader)
        result = super(RestrictedQuerySet, restricted).aggregate(*args, **kwargs)
        restricted._mark_rows(reader)
        return result

    def iterator(self, chunk_size: int | None = None) -> Any:
        reader = current_reader()
        restricted = self.for_reader(reader)
        for row in super(RestrictedQuerySet, restricted).iterator(chunk_size):
            if _is_record(row) and not restricted._applies_to(reader) and not sees(row, reader):
                continue
            if _is_record(row):
                reader.note(row)
            yield row
        if not _is_record_iterable(restricted):
            restricted._mark_rows(reader)

    def update(self, **kwargs: Any) -> int:
        return super(RestrictedQuerySet, self.for_reader()).update(**kwargs)

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        return super(RestrictedQuerySet, self.for_reader()).delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]

    def resolve_expression(self, *args: Any, **kwargs: Any) -> Any:
        # Used as a subquery (`pk__in=...`): the rule applies inside it too.
        return super(RestrictedQuerySet, self.for_reader()).resolve_expression(*args, **kwargs)

    resolve_expression.queryset_only = True  # type: ignore[attr-defined]


def _summary(model: type[models.Model]) -> dict[str, Any]:
    summary: dict[str, Any] = {"level": Max("classification")}
    if any(field.name == "illustrative" for field in model._meta.concrete_fields):
        summary["illustrative"] = Count("pk", filter=Q(illustrative=True))
    return summary


def _is_record(row: Any) -> bool:
    return isinstance(row, models.Model)


def _is_record_iterable(queryset: models.QuerySet[Any]) -> bool:
    return queryset._iterable_class is ModelIterable


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


def _load_generic_parents(model: type[models.Model], rows: list[Any]) -> None:
    """Load the records that rows' generic links name (a citation's cited record), one query per
    kind of record rather than one per row: a row's classification (hence its marking) is the
    higher of its own and theirs. Read as the system: the marking needs them seen or not."""
    names = [f.name for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
    if names and len(rows) > 1:
        with as_system():
            prefetch_related_objects(rows, *names)
