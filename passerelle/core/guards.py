"""Guarded descriptors: a link to a record the reader may not see reads as empty (`None`)
wherever it is read, because the related-record descriptors of every restricted model are
replaced by these (`install_guards()`, from CoreConfig.ready()). The rule is core/visibility.py.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models.fields.related_descriptors import (
    ForwardManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)

from passerelle.core.visibility import is_restricted, shown


class _Guard:
    """Gives a linked record only to a reader who may see it."""

    def unguarded_get(self, instance: Any) -> Any:
        return super().__get__(instance, type(instance))  # type: ignore[misc]

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        return shown(self.unguarded_get(instance))


class _GuardedReverseOneToOne(_Guard, ReverseOneToOneDescriptor):
    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        related = self.unguarded_get(instance)
        if shown(related) is None:
            raise self.RelatedObjectDoesNotExist(
                f"{type(instance).__name__} has no {self.related.get_accessor_name()}."
            )
        return related


class _GuardedGeneric(_Guard):
    """Wraps a GenericForeignKey (its own descriptor); everything else is the field's."""

    def __init__(self, field: GenericForeignKey) -> None:
        self.field = field

    def unguarded_get(self, instance: Any) -> Any:
        return self.field.__get__(instance, type(instance))

    def __set__(self, instance: Any, value: Any) -> None:
        self.field.__set__(instance, value)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.field, name)


_guarded_classes: dict[type, type] = {}


def _guarded(descriptor_class: type) -> type:
    if descriptor_class not in _guarded_classes:
        _guarded_classes[descriptor_class] = type(
            f"Guarded{descriptor_class.__name__}", (_Guard, descriptor_class), {}
        )
    return _guarded_classes[descriptor_class]


def install_guards() -> None:
    """Replace the descriptors of every link to a restricted model (called once, from
    CoreConfig.ready, when every model is known)."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            _guard_field(model, field)


def _guard_field(model: type[models.Model], field: Any) -> None:
    if isinstance(field, GenericForeignKey):
        if not isinstance(model.__dict__.get(field.name), _GuardedGeneric):
            setattr(model, field.name, _GuardedGeneric(field))
        return
    if not getattr(field, "is_relation", False) or not is_restricted(field.related_model):
        return
    descriptor = model.__dict__.get(field.name) if not field.auto_created else None
    if field.auto_created and field.one_to_one:
        accessor = field.get_accessor_name()
        current = model.__dict__.get(accessor)
        if isinstance(current, ReverseOneToOneDescriptor) and not isinstance(current, _Guard):
            setattr(model, accessor, _GuardedReverseOneToOne(current.related))
        return
    if isinstance(descriptor, ForwardManyToOneDescriptor) and not isinstance(descriptor, _Guard):
        setattr(model, field.name, _guarded(type(descriptor))(descriptor.field))
