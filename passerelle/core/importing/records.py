"""Writing an imported row's record: created, or brought up to date saving only what differs,
with its links and citations. Run inside the import's transaction, change context and reader."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from passerelle.core.links import with_hidden_links
from passerelle.core.models import Citation


def upsert(
    model: type[models.Model], key: dict[str, Any], values: dict[str, Any]
) -> tuple[str, models.Model]:
    """Create the record, or bring it up to `values` saving only if something differs; returns
    "created", "updated" or "unchanged", and the record."""
    instance = model._default_manager.filter(**key).first()  # what the importer may see
    if instance is None:
        instance = model(**key, **values)
        instance.save()
        return "created", instance
    differing = {k: v for k, v in values.items() if getattr(instance, k) != v}
    if not differing:
        return "unchanged", instance
    for name, value in differing.items():
        setattr(instance, name, value)
    instance.save()
    return "updated", instance


def set_citation(instance: models.Model, citation: dict[str, Any]) -> None:
    """Add or update the record's citation of a source, of the whole record or of one `field`
    (other citations are left alone)."""
    key = {
        "content_type": ContentType.objects.get_for_model(instance),
        "object_id": instance.pk,
        "source": citation["source"],
        "field": citation.get("field", ""),
    }
    upsert(Citation, key, {k: citation[k] for k in ("locator_en", "locator_fr")})


def set_links(instance: Any, links: dict[str, list[Any]], user: Any) -> bool:
    """Link exactly the records the file names (many-to-many field → records), keeping the links
    to records the importer may not see (the file cannot name them: dropping them would lose
    what others recorded). Whether a link changed."""
    changed = False
    for name, records in links.items():
        records = with_hidden_links(instance=instance, field=name, chosen=records, user=user)
        wanted = {record.pk for record in records}
        if set(getattr(instance, name).values_list("pk", flat=True)) != wanted:
            getattr(instance, name).set(records)
            changed = True
    return changed
