"""The change log as a person reads it: each change's record by its name in the reader's
language (with a link), and what changed as field labels with their old and new values.

A record is named only when the reader may see it now (their role and the record's
classification, through the current reader); a record deleted since is named from the change's
own snapshot, which the change log's classification already governs. A record that exists but
the reader may not see keeps its kind and loses its name, the same as a deleted record without
one, so nothing tells that it is hidden."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import localize
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import ChangeRecord
from passerelle.core.reader import as_system, current_reader
from passerelle.core.views.routes import record_url

# Shown for a value of no field the reader could read (a link to a record they may not see).
NOT_NAMED = "—"
# Fields that say nothing to a reader: the record's own number and its edit counter.
_UNSHOWN = {"id", "version"}


@dataclass
class FieldChange:
    """One field of a change: its label in the reader's language, before and after."""

    name: str
    label: str
    before: str
    after: str


@dataclass
class ChangeLine:
    """A change as shown: the record's name (empty when not to be named) and link, its kind,
    and each changed field."""

    record: ChangeRecord
    kind: str
    name: str = ""
    url: str = ""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The changed fields' labels, for a list (an update's; a creation or deletion says
        so in its action)."""
        if self.record.action != ChangeRecord.Action.UPDATE:
            return ""
        return ", ".join(change.label for change in self.fields)


def change_lines(records: Iterable[ChangeRecord]) -> list[ChangeLine]:
    """The lines of `records` (already the reader's), each record named through the reader."""
    records = list(records)
    by_model: dict[type[models.Model] | None, list[ChangeRecord]] = defaultdict(list)
    for record in records:
        by_model[record.content_type.model_class()].append(record)
    live: dict[tuple[Any, str], models.Model] = {}
    existing: set[tuple[Any, str]] = set()
    reader = current_reader()
    for model, group in by_model.items():
        if model is None:
            continue
        ids = {record.object_id for record in group}
        if reader.may(model, "view"):
            for instance in model._default_manager.filter(pk__in=ids):
                live[(model, str(instance.pk))] = instance
        with as_system():
            found = model._base_manager.filter(pk__in=ids).values_list("pk", flat=True)
            existing |= {(model, str(pk)) for pk in found}
    return [_line(record, live, existing) for record in records]


def _line(
    record: ChangeRecord,
    live: dict[tuple[Any, str], models.Model],
    existing: set[tuple[Any, str]],
) -> ChangeLine:
    model = record.content_type.model_class()
    kind = str(model._meta.verbose_name).capitalize() if model else record.content_type.model
    line = ChangeLine(record=record, kind=kind)
    instance = live.get((model, record.object_id))
    if instance is not None:
        line.name = record_name(instance)
        line.url = record_url(instance)
    elif (model, record.object_id) not in existing:
        line.name = _snapshot_name(record.before or record.after or {}) or record.object_repr
    if model is not None:
        line.fields = field_changes(record, model)
    return line


def record_name(instance: models.Model) -> str:
    """A record's name as the product shows it, in the active language: its `choice_label`,
    else its name or title, else its text."""
    label = getattr(instance, "choice_label", None)
    if callable(label):
        return str(label())
    for attribute in ("name", "title"):
        value = getattr(instance, attribute, None)
        if isinstance(value, str) and value:
            return value
    return str(instance)


def _snapshot_name(values: dict[str, Any]) -> str:
    language = "fr" if (get_language() or "en").startswith("fr") else "en"
    for name in (f"name_{language}", f"title_{language}", "name_en", "title_en", "name", "title"):
        if values.get(name):
            return str(values[name])
    return ""


def field_changes(record: ChangeRecord, model: type[models.Model]) -> list[FieldChange]:
    """Each changed field of `record`: its label and its values as the reader reads them
    (choices by their label, links by the linked record's name when the reader may see it)."""
    before, after = record.before or {}, record.after or {}
    fields = {f.attname: f for f in model._meta.concrete_fields}
    fields |= {f.name: f for f in model._meta.many_to_many}
    changes = []
    for name in record.changed_fields():
        if name in _UNSHOWN:
            continue
        model_field = fields.get(name)
        label = str(model_field.verbose_name) if model_field is not None else name
        changes.append(
            FieldChange(
                name=name,
                label=label[:1].upper() + label[1:],
                before=_shown(model_field, before.get(name)),
                after=_shown(model_field, after.get(name)),
            )
        )
    return changes


def _shown(model_field: Any, value: Any) -> str:
    if value is None or value == "" or value == []:
        return NOT_NAMED
    if model_field is None:
        return str(value)
    if model_field.is_relation:
        return _linked(model_field.related_model, value if isinstance(value, list) else [value])
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    choices = dict(model_field.flatchoices) if model_field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, int | float):
        return str(localize(value))
    return str(value)


def _linked(model: type[models.Model], pks: list[Any]) -> str:
    """The names of the linked records the reader may see; the others are not named."""
    if not current_reader().may(model, "view"):
        return NOT_NAMED
    found = {str(r.pk): record_name(r) for r in model._default_manager.filter(pk__in=pks)}
    names = [found.get(str(pk), NOT_NAMED) for pk in pks]
    return ", ".join(names)
