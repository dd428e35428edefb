"""Saving an edit form without losing anyone's update.

The form carries the version the user started from. The save runs in one transaction: the
record's row is locked and its version compared with the one the form started from; a save from
an older version is refused (and django-concurrency refuses it again on the UPDATE), nothing is
written, and the user gets their input back with the list of what others changed meanwhile, read
from the change log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from concurrency.exceptions import RecordModifiedError
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from passerelle.core.forms import error_links
from passerelle.core.models import User
from passerelle.engagements.services import FieldChange, changes_since


def user_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def require(request: HttpRequest, model: type[models.Model], action: str) -> None:
    """403 unless the user's role grants `action` on `model`."""
    meta = model._meta
    if not request.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
        raise PermissionDenied


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
    user: User,
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
