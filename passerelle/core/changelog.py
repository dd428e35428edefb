"""Writes a ChangeRecord for every create, update and delete of a change-logged model.

The writes hang on Django's model signals, so every write path is covered (web, API, imports,
commands, the shell) without anyone having to remember to wrap their writes. Who and which
request or run are taken from the current `change_context`; outside any context the actor is the
process itself (`system:<program>`), never nobody.

Queryset `update()`, `bulk_create()` and raw SQL bypass signals: code that needs them for a
change-logged model writes its records with `record_change`, or for many rows at once with
`record_bulk`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest

from passerelle.core.levels import level_to_see
from passerelle.core.models import ChangeLoggedModel, ChangeRecord, User
from passerelle.core.reader import as_system
from passerelle.core.visibility import code_links, is_restricted

# Fields never copied into the log: secrets, and what changes on every sign-in or save.
_EXCLUDED_FIELDS = {"password", "last_login", "created", "last_updated"}

PROCESS_RUN_ID = uuid.uuid4()


@dataclass(frozen=True)
class ChangeContext:
    """Who is writing, through which path, in which request or command run."""

    actor: str
    user: User | None = None
    request_id: uuid.UUID = PROCESS_RUN_ID
    request: HttpRequest | None = None
    # The clearance needed to see records named by this run's changes, kept while it only
    # creates records (creating one changes no other's level).
    levels: dict[Any, int] = dataclasses.field(default_factory=dict, compare=False)

    def writer(self) -> User | None:
        """The signed-in user, read when the change happens: token authentication in the API
        identifies the user only after the middleware has run."""
        user = self.user or getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated and user.pk else None


_current: ContextVar[ChangeContext | None] = ContextVar("change_context", default=None)


@contextmanager
def change_context(
    *,
    actor: str,
    user: User | None = None,
    request: HttpRequest | None = None,
    request_id: uuid.UUID | None = None,
) -> Iterator[ChangeContext]:
    """Attribute every change made inside the block to `actor` and `user` (or the request's
    user)."""
    context = ChangeContext(
        actor=actor, user=user, request=request, request_id=request_id or uuid.uuid4()
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def current_context() -> ChangeContext:
    """The active context, or the process itself when none is active."""
    return _current.get() or ChangeContext(actor=f"system:{os.path.basename(sys.argv[0])[:80]}")


def is_change_logged(model: type[models.Model]) -> bool:
    """Domain records, sources, citations and users are logged; the log itself is not."""
    from passerelle.core.models import Citation, Source

    return issubclass(model, ChangeLoggedModel | Source | Citation | User)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's fields and many-to-many links (all of them, whoever is writing) as
    JSON-ready values."""
    with as_system():
        return _snapshot(instance)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in _EXCLUDED_FIELDS
    }
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            if field.name not in _EXCLUDED_FIELDS:
                data[field.name] = sorted(
                    getattr(instance, field.name).values_list("pk", flat=True)
                )
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


def record_change(
    instance: models.Model,
    action: str,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    links_only: bool = False,
) -> ChangeRecord | None:
    """Write one change record; nothing when an update changed nothing.

    The record names what the changed record names (its `__str__`, the links in before and
    after), so it is classified as the highest of them: a reader who may not see a linked record
    does not see the change that names it."""
    if action == ChangeRecord.Action.UPDATE and _unversioned(before) == _unversioned(after):
        return None  # nothing changed but the version (a password, a sign-in's last_login)
    context = current_context()
    user = context.writer()
    if action != ChangeRecord.Action.CREATE and not links_only:
        context.levels.clear()  # a parent or a code may have changed
    with as_system():
        levels = [(s or {}).get("classification") or 0 for s in (before, after)]
        levels.append(level_to_see(instance, context.levels))
        levels.extend(_linked_levels(type(instance), context.levels, before, after))
        return ChangeRecord.objects.create(
            user=user,
            user_name=user.get_username() if user else "",
            actor=context.actor,
            request_id=context.request_id,
            action=action,
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            classification=max(levels),
            before=before,
            after=after,
        )


def _unversioned(state: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if state is None else {k: v for k, v in state.items() if k != "version"}


def _linked_levels(
    model: type[models.Model], cache: dict[Any, int], *states: dict[str, Any] | None
) -> list[int]:
    """The clearance needed to see each record linked in `states` (foreign keys, many-to-many
    links and generic links)."""
    from django.contrib.contenttypes.fields import GenericForeignKey

    wanted: dict[type[models.Model], set[Any]] = {}
    for state in states:
        if not state:
            continue
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            target = field.related_model
            if not field.is_relation or not isinstance(target, type):
                continue
            value = state.get(field.attname if not field.many_to_many else field.name)
            ids: list[Any] = value if isinstance(value, list) else [value]
            wanted.setdefault(target, set()).update(i for i in ids if i is not None)
        for link in model._meta.private_fields:
            if not isinstance(link, GenericForeignKey):
                continue
            content_type_id = state.get(link.ct_field + "_id")
            if content_type_id is not None and state.get(link.fk_field) is not None:
                target = ContentType.objects.get_for_id(content_type_id).model_class()
                if target is not None:
                    wanted.setdefault(target, set()).add(state[link.fk_field])
    levels: list[int] = []
    for linked, pks in wanted.items():
        if not pks or not is_restricted(linked):
            continue
        label = linked._meta.label
        missing = [pk for pk in pks if (label, pk) not in cache]
        for record in linked._base_manager.filter(pk__in=missing) if missing else []:
            level_to_see(record, cache)
        levels.extend(cache.get((label, pk), 0) for pk in pks)
    return levels


def record_bulk(
    model: type[models.Model],
    rows: models.QuerySet[Any],
    *,
    action: str,
    before: dict[str, Any] | None = None,
) -> int:
    """One change record per row of `rows`, written in bulk: for rows inserted in bulk (the
    change record holds the row as written) or updated in bulk (`before` holds the values the
    update replaced; the record holds those fields before and after). Classified, as every
    change record, as the highest thing each row names. Returns how many were written."""
    from passerelle.core.fastinsert import insert

    context = current_context()
    user = context.writer()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    request_id = ChangeRecord._meta.get_field("request_id").get_db_prep_value(
        context.request_id, connection
    )
    names = [f.attname for f in model._meta.concrete_fields if f.name not in _EXCLUDED_FIELDS]
    # A row's level depends only on its own classification and on what it links to or names:
    # rows written in bulk share most of those (an import's indicator, source, places), so each
    # combination is worked out once.
    deciding = [name for name in names if name in _deciding_fields(model)]
    levels: dict[tuple[Any, ...], int] = {}

    def level(instance: models.Model, values: dict[str, Any], state: dict[str, Any]) -> int:
        key = tuple(values[name] for name in deciding)
        if key not in levels:
            levels[key] = max(
                level_to_see(instance, context.levels),
                *_linked_levels(model, context.levels, state),
            )
        return levels[key]

    def records() -> Any:
        with as_system():
            for values in rows.values(*names).iterator(chunk_size=5000):
                state = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
                instance = model(**values)
                after = {k: state[k] for k in before} if before is not None else state
                yield {
                    "user_id": user.pk if user else None,
                    "user_name": user.get_username() if user else "",
                    "actor": context.actor,
                    "request_id": request_id,
                    "action": action,
                    "content_type_id": content_type.pk,
                    "object_id": str(values["id"]),
                    "object_repr": str(instance)[:300],
                    "classification": level(instance, values, state),
                    "before": before,
                    "after": after,
                }

    return insert(ChangeRecord, records())


def _deciding_fields(model: type[models.Model]) -> set[str]:
    """The fields a record's level depends on: its classification, its links (foreign and
    generic keys) and its codes that name records (core/visibility.py)."""
    from django.contrib.contenttypes.fields import GenericForeignKey

    fields = {"classification"}
    fields.update(f.attname for f in model._meta.concrete_fields if f.is_relation)
    fields.update(name for name, _target, _field in code_links(model))
    for link in model._meta.private_fields:
        if isinstance(link, GenericForeignKey):
            fields.update((f"{link.ct_field}_id", link.fk_field))
    return fields


def _fetch_before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not is_change_logged(sender) or kwargs.get("raw"):
        return
    previous = None
    if instance.pk is not None and not instance._state.adding:
        previous = sender._base_manager.filter(pk=instance.pk).first()
    instance._changelog_before = snapshot(previous) if previous is not None else None  # type: ignore[attr-defined]


def _write_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if not is_change_logged(sender) or kwargs.get("raw"):
        return
    before = None if created else getattr(instance, "_changelog_before", None)
    action = ChangeRecord.Action.CREATE if created or before is None else ChangeRecord.Action.UPDATE
    record_change(instance, action, before=before, after=snapshot(instance))
    instance._changelog_before = None  # type: ignore[attr-defined]


def _snapshot_before_delete(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    if is_change_logged(sender):
        instance._changelog_deleted = snapshot(instance)  # type: ignore[attr-defined]


def _write_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if is_change_logged(sender):
        before = getattr(instance, "_changelog_deleted", None)
        record_change(instance, ChangeRecord.Action.DELETE, before=before, after=None)


def _write_m2m(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """A link added or removed changes the record on the side that is logged: the instance, or,
    when the link is changed from the other side, each record linked."""
    # The snapshots taken before the change wait on the instance until the change is done.
    pending: dict[Any, dict[str, Any]] = instance.__dict__.setdefault("_changelog_m2m", {})
    if not reverse:
        targets = [instance] if is_change_logged(type(instance)) else []
    elif not is_change_logged(model):
        targets = []
    elif action == "pre_clear":
        field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
        targets = list(model._base_manager.filter(**{field.name: instance}))
    else:
        pks = pending.keys() if action == "post_clear" else (pk_set or ())
        targets = list(model._base_manager.filter(pk__in=list(pks)))
    for target in targets:
        if action.startswith("pre_"):
            pending[target.pk] = snapshot(target)
        elif action.startswith("post_"):
            before = pending.pop(target.pk, None)
            record_change(
                target,
                ChangeRecord.Action.UPDATE,
                before=before,
                after=snapshot(target),
                links_only=True,  # many-to-many links decide no record's level
            )


def connect() -> None:
    """Hang the change log on the model signals (called once, from CoreConfig.ready)."""
    pre_save.connect(_fetch_before, dispatch_uid="changelog_pre_save")
    post_save.connect(_write_save, dispatch_uid="changelog_post_save")
    pre_delete.connect(_snapshot_before_delete, dispatch_uid="changelog_pre_delete")
    post_delete.connect(_write_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_write_m2m, dispatch_uid="changelog_m2m")
