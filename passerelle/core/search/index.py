"""Keeps the search index in step with the records: model signals index a registered record on
every save and drop it on delete; `rebuild()` makes the whole index again (after a bulk
`update()`, raw SQL, or an upgrade). Within `deferred()` (a load of many records), the records
saved are noted and indexed together at its end, a few queries a kind of record instead of
four a record."""

from __future__ import annotations

from collections import defaultdict
from contextlib import AbstractContextManager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save

from passerelle.core.deferral import Deferral
from passerelle.core.search import registry
from passerelle.core.search.backends import backend
from passerelle.core.search.models import SearchEntry
from passerelle.core.search.registry import Searchable


def _values(searchable: Searchable, instance: models.Model) -> dict[str, Any]:
    return {
        "kind": searchable.kind,
        "title_en": searchable.title_in(instance, "en"),
        "title_fr": searchable.title_in(instance, "fr"),
        "body_en": searchable.text_in(instance, "en"),
        "body_fr": searchable.text_in(instance, "fr"),
    }


def _entry(searchable: Searchable, content_type: ContentType, record: models.Model) -> SearchEntry:
    return SearchEntry(
        content_type=content_type, object_id=record.pk, **_values(searchable, record)
    )


def index_record(instance: models.Model) -> SearchEntry | None:
    """Index (or re-index) one record of a registered model."""
    searchable = registry.for_model(type(instance))
    if searchable is None or instance.pk is None:
        return None
    entry, _created = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        defaults=_values(searchable, instance),
    )
    backend().sync([entry.pk])
    return entry


def unindex_record(instance: models.Model) -> None:
    """Drop one record from the index."""
    if registry.for_model(type(instance)) is None:
        return
    entries = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    )
    backend().remove(list(entries.values_list("pk", flat=True)))
    entries.delete()


def rebuild() -> dict[str, int]:
    """Index every record of every registered model again; returns the count per kind. The
    caller owns the transaction."""
    backend().clear()
    SearchEntry.objects.all().delete()
    counts: dict[str, int] = {}
    for searchable in registry.searchables():
        content_type = ContentType.objects.get_for_model(searchable.model)
        batch = [
            _entry(searchable, content_type, record)
            for record in searchable.model._base_manager.all().iterator()
        ]
        SearchEntry.objects.bulk_create(batch, batch_size=500)
        counts[searchable.kind] = len(batch)
    backend().sync(None)
    return counts


def deferred() -> AbstractContextManager[None]:
    """Within it, the registered records saved are indexed together at the end (as they are
    then, read again); a record deleted meanwhile is dropped at once. The caller's transaction
    holds both; nothing is indexed if the block raises."""
    return _saved.deferred()


def _index_saved(saved: set[tuple[type[models.Model], Any]]) -> None:
    by_model: dict[type[models.Model], set[Any]] = defaultdict(set)
    for model, pk in saved:
        by_model[model].add(pk)
    for model, pks in by_model.items():
        index_records(model, pks)


_saved: Deferral[tuple[type[models.Model], Any]] = Deferral("search_index_saved", _index_saved)


def index_records(model: type[models.Model], pks: set[Any]) -> None:
    """Index (or re-index) the records of `model` with these primary keys that still exist."""
    searchable = registry.for_model(model)
    if searchable is None or not pks:
        return
    content_type = ContentType.objects.get_for_model(model)
    records = list(model._base_manager.filter(pk__in=pks))
    old = SearchEntry.objects.filter(content_type=content_type, object_id__in=list(pks))
    backend().remove(list(old.values_list("pk", flat=True)))
    old.delete()
    created = SearchEntry.objects.bulk_create(
        [_entry(searchable, content_type, record) for record in records], batch_size=500
    )
    backend().sync([entry.pk for entry in created])


def _on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if instance.pk is not None and _saved.note([(type(instance), instance.pk)]):
        return
    index_record(instance)


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    unindex_record(instance)


def connect_model(searchable: Searchable) -> None:
    """Hang the index on the model signals of a registered model (registry.register does)."""
    uid = f"search_{searchable.kind}"
    post_save.connect(_on_save, sender=searchable.model, dispatch_uid=f"{uid}_save")
    post_delete.connect(_on_delete, sender=searchable.model, dispatch_uid=f"{uid}_delete")
