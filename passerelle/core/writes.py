"""What a writer may write, checked on every save whatever the path (web, API, import, admin,
command): the rule of core/visibility.py applied to writes.

- No record above the writer's clearance.
- No link to a record the writer may not see: to them it is "not found", the same refusal as a
  record that does not exist.
- An edit keeps the links it could not show: a foreign key to a record the writer may not see,
  left empty by their edit (the form showed it empty), keeps its value. Many-to-many links to
  such records are kept by construction: the related manager, cut down to the writer, neither
  lists nor removes them.

Forms, serializers and importers check the same things first, so a person gets a clear error
beside the field or row; these signals are the guarantee behind them. The system (loaders,
migrations) writes without them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import m2m_changed, pre_save
from django.utils.translation import gettext as _

from passerelle.core.reader import Reader, current_reader
from passerelle.core.visibility import code_links, hidden_codes, is_restricted, sees


class WriteRefused(PermissionDenied):
    """A write that the writer's clearance does not allow."""


def changed_since_saved(instance: models.Model, fields: tuple[str, ...]) -> bool:
    """Whether any of `fields` (attribute names) differs from the stored record, read whatever
    the reader may see; False for a record not saved yet."""
    if instance.pk is None:
        return False
    stored = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()
    return stored is not None and any(stored[f] != getattr(instance, f) for f in fields)


def _not_found() -> WriteRefused:
    return WriteRefused(_("Not saved: a linked record was not found."))


def _links(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and is_restricted(field.related_model)
    ]


def _generic_links(model: type[models.Model]) -> list[GenericForeignKey]:
    return [f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]


def check_save(instance: models.Model, reader: Reader) -> None:
    """Refuse or adjust the save of `instance` by `reader` (see the module's docstring)."""
    level = getattr(instance, "classification", None)
    if isinstance(level, int) and level > reader.clearance:
        raise WriteRefused(_("Not saved: the classification is above your clearance."))
    links = _links(type(instance))
    attnames = [field.attname for field in links] + [
        name
        for link in _generic_links(type(instance))
        for name in (link.ct_field + "_id", link.fk_field)
    ]
    before: dict[str, Any] = {}
    if instance.pk is not None and not instance._state.adding and attnames:
        before = type(instance)._base_manager.filter(pk=instance.pk).values(*attnames).first() or {}
    for field in links:
        _check_link(instance, field, before.get(field.attname), reader)
    for link in _generic_links(type(instance)):
        _check_generic(instance, link, before, reader)
    for name, target, target_field in code_links(type(instance)):
        code = getattr(instance, name)
        hidden = hidden_codes(target, target_field, reader)
        if code and hidden is not None and hidden.filter(**{target_field: code}).exists():
            raise _not_found()


def _check_link(instance: models.Model, field: models.ForeignKey, old: Any, reader: Reader) -> None:
    new = getattr(instance, field.attname)
    if new == old:
        return
    target = field.related_model._base_manager
    if new is None:
        previous = target.filter(pk=old).first() if old is not None else None
        if previous is not None and not sees(previous, reader):
            setattr(instance, field.attname, old)  # the edit could not show it: kept
        return
    record = target.filter(pk=new).first()
    if record is None or not sees(record, reader):
        raise _not_found()


def _check_generic(
    instance: models.Model, link: GenericForeignKey, before: dict[str, Any], reader: Reader
) -> None:
    content_type_id = getattr(instance, link.ct_field + "_id")
    object_id = getattr(instance, link.fk_field)
    unchanged = (
        before.get(link.ct_field + "_id") == content_type_id
        and before.get(link.fk_field) == object_id
    )
    if unchanged or content_type_id is None or object_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    record = model._base_manager.filter(pk=object_id).first() if model else None
    if record is None or not sees(record, reader):
        raise _not_found()


def _on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    reader = current_reader()
    if kwargs.get("raw") or reader.system or not is_restricted(sender):
        return
    check_save(instance, reader)


def _on_m2m(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """Links may be added only to records the writer sees (removals and clears keep hidden
    links by construction: they act through the related manager, which is cut down)."""
    reader = current_reader()
    if action != "pre_add" or reader.system or not pk_set:
        return
    if is_restricted(type(instance)) and not sees(instance, reader):
        raise _not_found()
    if is_restricted(model):
        records = list(model._base_manager.filter(pk__in=pk_set))
        if len(records) != len(pk_set) or not all(sees(r, reader) for r in records):
            raise _not_found()


def connect() -> None:
    """Hang the checks on the model signals (called once, from CoreConfig.ready, before the
    change log, so nothing refused is logged)."""
    pre_save.connect(_on_save, dispatch_uid="writes_pre_save")
    m2m_changed.connect(_on_m2m, dispatch_uid="writes_m2m")
