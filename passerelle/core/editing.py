"""Saving an edit form without losing anyone's update: one optimistic-lock service for every
form (the API has its own, with ETags: core/api/etags.py).

The form carries the version the user started from. The save runs in one transaction: the
record's row is locked and its version compared with the one the form started from; a save from
an older version is refused (and django-concurrency refuses it again on the UPDATE), nothing is
written, and the user gets their input back with the list of what others changed meanwhile, read
from the change log (`changes_since`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from concurrency.exceptions import RecordModifiedError
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet

from passerelle.core.forms import error_links
from passerelle.core.models import ChangeRecord


@dataclass
class SaveResult:
    """The saved record, or the changes that made the save refused."""

    record: models.Model | None = None
    conflict: list[FieldChange] = field(default_factory=list)
    conflict_version: int | None = None


def save_versioned(
    form: forms.ModelForm,
    *,
    formsets: Sequence[BaseInlineFormSet[Any, Any, Any]] = (),
    before_save: Callable[[Any], None] | None = None,
) -> SaveResult:
    """Save a valid form (and its formsets) in one transaction, unless the record changed since
    the version the form started from."""
    record = form.instance
    started = form.cleaned_data.get("version")
    model = type(record)
    try:
        with transaction.atomic():
            if record.pk is not None:
                current = (
                    model._base_manager.select_for_update()
                    .filter(pk=record.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if current != started:
                    raise RecordModifiedError("stale version", target=record)
            record = form.save(commit=False)
            if record.pk is not None:
                record.version = started
            if before_save is not None:
                before_save(record)
            record.save()
            form.save_m2m()
            for formset in formsets:
                formset.instance = record
                formset.save()
    except RecordModifiedError:
        fresh = model._base_manager.get(pk=record.pk)
        return SaveResult(
            conflict=changes_since(fresh, int(started or 0), submitted=form.cleaned_data),
            conflict_version=fresh.version,
        )
    return SaveResult(record=record)


def with_version(data: Any, version: int | None) -> Any:
    """The posted data with the version replaced: after a refused save the form starts from the
    record as it is now, so saving again is a deliberate choice to replace the others' values."""
    copy = data.copy()
    copy["version"] = str(version)
    return copy


@dataclass
class Submission:
    """A bound edit form after its POST: the saved record, or the form to show again with what
    the page needs (`conflict`, or the error summary's `error_links`)."""

    form: Any
    saved: models.Model | None = None
    context: dict[str, Any] = field(default_factory=dict)


def submit(
    form_class: Any,
    data: Any,
    instance: models.Model,
    *,
    user: Any,
    initial: dict[str, Any] | None = None,
) -> Submission:
    """Bind `form_class` to the posted `data` (None on a GET) and save it without losing anyone's
    update: when the record changed meanwhile, the form is bound again to the record as it is
    now, the user's input kept and the version moved, with the list of the others' changes."""
    form = form_class(data, instance=instance, user=user, initial=initial or {})
    if data is None:
        return Submission(form)
    if not form.is_valid():
        return Submission(form, context={"error_links": error_links(form)})
    result = save_versioned(form)
    if result.record is not None:
        return Submission(form, saved=result.record)
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    form = form_class(with_version(data, result.conflict_version), instance=fresh, user=user)
    form.is_valid()
    return Submission(form, context={"conflict": result.conflict})


_IGNORED = {"version", "id"}


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed after the user opened the form."""

    name: str
    label: str
    yours: str
    current: str
    who: str
    when: datetime


def _field(model: type[models.Model], key: str) -> models.Field[Any, Any] | None:
    for candidate in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if key in (candidate.name, getattr(candidate, "attname", candidate.name)):
            return candidate
    return None


def display(value: Any) -> str:
    """A form or model value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(display(v) for v in value) or "—"
    if isinstance(value, models.Model):
        return str(getattr(value, "name", None) or getattr(value, "title", None) or value)
    return str(value)


def _current_value(instance: models.Model, field: models.Field[Any, Any]) -> str:
    if field.many_to_many:
        return display(list(getattr(instance, field.name).all()))
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    return display(getattr(instance, field.name))


def _submitted_value(field: models.Field[Any, Any], submitted: dict[str, Any]) -> str:
    if field.name not in submitted:
        return "—"
    value = submitted[field.name]
    if field.choices and not field.many_to_many:
        labels = {str(k): v for k, v in field.flatchoices}
        return str(labels.get(str(value), display(value)))
    return display(value)


def changes_since(
    instance: models.Model, version: int, *, submitted: dict[str, Any]
) -> list[FieldChange]:
    """The fields of `instance` changed by others after `version`, from the change log: for each,
    the value the user submitted, the value now, and who changed it last and when."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    records = ChangeRecord.objects.filter(
        content_type=content_type,
        object_id=str(instance.pk),
        action=ChangeRecord.Action.UPDATE,
    ).order_by("time", "pk")
    latest: dict[str, ChangeRecord] = {}
    for record in records:
        if int((record.after or {}).get("version") or 0) <= version:
            continue
        for key in record.changed_fields():
            field = _field(type(instance), key)
            if field is not None and field.name not in _IGNORED:
                latest[field.name] = record
    model = type(instance)
    changes = []
    for name, record in latest.items():
        field = _field(model, name)
        assert field is not None
        changes.append(
            FieldChange(
                name=name,
                label=str(field.verbose_name),
                yours=_submitted_value(field, submitted),
                current=_current_value(instance, field),
                who=record.user_name or record.actor,
                when=record.time,
            )
        )
    return changes
