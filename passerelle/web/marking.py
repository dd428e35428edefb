"""The classification marking and the illustrative-data marker of a page.

A page is marked with the highest classification of what it shows, so a view passes everything it
shows (records and querysets) to `page_marking` and puts the result in its context.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Model, QuerySet

from passerelle.core.classification import Classification, highest

Shown = Model | QuerySet[Any] | None


def _has_field(model: type[Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def page_classification(*shown: Shown) -> Classification:
    """The highest classification among the records and querysets shown (Unclassified when none
    is classified). A queryset is read with one aggregate query, never loaded."""
    levels: list[int | None] = []
    for item in shown:
        if item is None:
            continue
        if isinstance(item, QuerySet):
            if _has_field(item.model, "classification"):
                levels.append(item.aggregate(level=Max("classification"))["level"])
        else:
            levels.append(getattr(item, "classification", None))
    return highest(levels)


def shows_illustrative(*shown: Shown) -> bool:
    """Whether any record shown is illustrative (made up to exercise the system)."""
    for item in shown:
        if item is None:
            continue
        if isinstance(item, QuerySet):
            if _has_field(item.model, "illustrative") and item.filter(illustrative=True).exists():
                return True
        elif getattr(item, "illustrative", False):
            return True
    return False


def page_marking(*shown: Shown) -> dict[str, Any]:
    """The context a view adds so the base template marks the page: `classification` and
    `illustrative`."""
    return {
        "classification": page_classification(*shown),
        "illustrative": shows_illustrative(*shown),
    }
