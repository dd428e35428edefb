"""The clearance a record needs: the lowest level at which a reader whose role views everything
sees it, by the rule of core/visibility.py (the change log keeps it with each change)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

from passerelle.core.visibility import MAX_DEPTH, Link, code_links, parent_groups, raw_related


def level_to_see(record: Any, cache: dict[Any, int] | None = None, depth: int = 0) -> int:
    """The lowest clearance at which a reader (whose role views everything) sees `record`: its
    own classification, its parents' and the records its codes name. `cache` keeps the levels
    of records already looked at (a caller that changes none of them meanwhile)."""
    if depth > MAX_DEPTH:
        raise RecursionError(f"clearance parents of {type(record).__name__} loop")
    key = (type(record)._meta.label, record.pk)
    if cache is not None and record.pk is not None and key in cache:
        return cache[key]
    levels = [int(getattr(record, "classification", 0) or 0)]
    for group in parent_groups(type(record)):
        options = [_link_level(record, link, cache, depth) for link in group]
        levels.append(min((level for level in options if level is not None), default=0))
    for name, target, target_field in code_links(type(record)):
        code = getattr(record, name)
        if code:
            levels.append(_code_level(target, target_field, code, cache, depth))
    if cache is not None and record.pk is not None:
        cache[key] = max(levels)
    return max(levels)


def _link_level(record: Any, link: Link, cache: dict[Any, int] | None, depth: int) -> int | None:
    """The level to see the record `link` names (None when it names none), from the cache when
    it has it, without reading the record."""
    if not isinstance(link, GenericForeignKey):
        pk = getattr(record, link.attname)
        if pk is None:
            return None
        known = (link.related_model._meta.label, pk)
        if cache is not None and known in cache:
            return cache[known]
    related = raw_related(record, link.name)
    return None if related is None else level_to_see(related, cache, depth + 1)


def _code_level(
    target: type[models.Model], field: str, code: Any, cache: dict[Any, int] | None, depth: int
) -> int:
    key = ("code", target._meta.label, field, code)
    if cache is not None and key in cache:
        return cache[key]
    named = target._base_manager.filter(**{field: code})
    level = max((level_to_see(other, cache, depth + 1) for other in named), default=0)
    if cache is not None:
        cache[key] = level
    return level
