"""Writes a ChangeRecord for every create, update and delete of a change-logged model.

The writes hang on Django's model signals, so every write path is covered (web, API, imports,
commands, the shell) without anyone having to remember to wrap their writes. Who and which
request or run are taken from the current `change_context`; outside any context the actor is the
process itself (`system:<program>`), never nobody.

Queryset `update()`, `bulk_create()` and raw SQL bypass signals: code that needs them for a
change-logged model writes its records with `record_change` itself.
"""

from __future__ import annotations

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
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest

from passerelle.core.models import ChangeLoggedModel, ChangeRecord, User

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
    """The record's fields and many-to-many links as JSON-ready values."""
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
) -> ChangeRecord | None:
    """Write one change record; nothing when an update changed nothing."""
    if action == ChangeRecord.Action.UPDATE and before == after:
        return None
    context = current_context()
    user = context.writer()
    levels = [(s or {}).get("classification") or 0 for s in (before, after)]
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
            record_change(target, ChangeRecord.Action.UPDATE, before=before, after=snapshot(target))


def connect() -> None:
    """Hang the change log on the model signals (called once, from CoreConfig.ready)."""
    pre_save.connect(_fetch_before, dispatch_uid="changelog_pre_save")
    post_save.connect(_write_save, dispatch_uid="changelog_post_save")
    pre_delete.connect(_snapshot_before_delete, dispatch_uid="changelog_pre_delete")
    post_delete.connect(_write_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_write_m2m, dispatch_uid="changelog_m2m")
