"""What a reader may see: the one rule, as SQL (`visible_q`) and in memory (`sees`).

A reader sees a record of a restricted model when
- their role grants `view` on its model,
- its classification is at or below their clearance, and
- they see its *parents*: every record it cannot be described without. A required (non-null)
  foreign key to a restricted model is a parent (a participant is shown only with its
  engagement, an office only with its country). A model may declare more in `clearance_parents`:
  groups of optional links of which at least one is set and seen (a membership's member is its
  country or its organization). A model may also name records by code in `clearance_codes`
  (an observation's `geography` is a country's alpha-3 code): the record is hidden when the code
  names a record the reader may not see.

A model may also belong to a user (`clearance_owner`: a job is its starter's): then only that user
sees it, and those whose role may change such records (administrators).

Any other link to a record the reader may not see is *withheld*: reading it gives nothing
(`None`), as if it were empty, wherever it is read — a template, a CSV column, a serializer, a
brief, `__str__` — because the related-record descriptors of every restricted model are
replaced by guarded ones (core/guards.py, installed from CoreConfig.ready()).
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any, cast

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP

from passerelle.core.reader import TOP, Reader, current_reader

MAX_DEPTH = 6


def is_restricted(model: Any) -> bool:
    """Whether reads of `model` are decided here (its default queryset is restricted)."""
    from passerelle.core.querysets import RestrictedQuerySet

    if not isinstance(model, type) or not issubclass(model, models.Model):
        return False
    manager = model._meta.concrete_model._default_manager  # type: ignore[union-attr]
    queryset_class = getattr(manager, "_queryset_class", None)
    return queryset_class is not None and issubclass(queryset_class, RestrictedQuerySet)


def is_classified(model: type[models.Model]) -> bool:
    return any(field.name == "classification" for field in model._meta.concrete_fields)


Link = models.ForeignKey | GenericForeignKey


def parent_groups(model: type[models.Model]) -> list[tuple[Link, ...]]:
    """The groups of links of which the reader must see at least one (set) to see a record."""
    concrete = model._meta.concrete_model
    assert concrete is not None
    groups: list[tuple[Link, ...]] = [
        (field,)
        for field in concrete._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and not field.null
        and is_restricted(field.related_model)
    ]
    for names in getattr(concrete, "clearance_parents", ()):
        groups.append(tuple(_link(concrete, name) for name in names))
    return groups


def _link(model: type[models.Model], name: str) -> Link:
    for private in model._meta.private_fields:
        if isinstance(private, GenericForeignKey) and private.name == name:
            return private
    field = model._meta.get_field(name)
    if not isinstance(field, models.ForeignKey):
        raise TypeError(f"{model.__name__}.clearance_parents: {name} is not a foreign key")
    return field


def owner_field(model: type[models.Model]) -> str | None:
    """The link to the user a record belongs to, when only they (and those whose role may
    change such records) may see it: `clearance_owner` (a job is its starter's)."""
    return getattr(model._meta.concrete_model, "clearance_owner", None)


def code_links(model: type[models.Model]) -> list[tuple[str, type[models.Model], str]]:
    """(field, target model, target field) for each code that names a record: a field may
    name records of several models (`"geo.Country.iso_alpha3 partners.Forum.slug"`)."""
    links = []
    for name, targets in getattr(model._meta.concrete_model, "clearance_codes", {}).items():
        for target in targets.split():
            app_label, model_name, field = target.split(".")
            links.append((name, apps.get_model(app_label, model_name), field))
    return links


# --- In SQL -------------------------------------------------------------------------------------


def visible_q(
    model: type[models.Model], reader: Reader, prefix: str = "", depth: int = 0
) -> Q | None:
    """The condition on `model`'s rows (reached by `prefix`) that keeps what `reader` may see;
    `Q()` when it keeps everything, None when it keeps nothing."""
    if depth > MAX_DEPTH:
        raise RecursionError(f"clearance parents of {model.__name__} loop")
    if reader.system:
        return Q()
    # Once per reader, model and path: every related manager (a generic relation's prefetch
    # makes one per record) cuts its queryset down with it, and building it walks the parents.
    return cast(
        "Q | None",
        reader.cached(
            ("visible_q", model._meta.label, prefix, depth),
            lambda: _visible_q(model, reader, prefix, depth),
        ),
    )


def _visible_q(model: type[models.Model], reader: Reader, prefix: str, depth: int) -> Q | None:
    if not reader.may(model):
        return None
    condition = Q()
    owner = owner_field(model)
    if owner and not reader.may(model, "change"):
        condition &= Q(**{f"{prefix}{owner}": reader.user.pk})
    if is_classified(model) and reader.clearance < TOP:
        condition &= Q(**{f"{prefix}classification__lte": reader.clearance})
    for group in parent_groups(model):
        options = []
        for link in group:
            option = _link_q(link, reader, prefix, depth)
            if option is not None:
                options.append(option)
        if not options:
            return None
        condition &= reduce(operator.or_, options)
    for name, target, target_field in code_links(model):
        hidden = hidden_codes(target, target_field, reader)
        if hidden is not None:
            condition &= ~Q(**{f"{prefix}{name}__in": hidden})
    return condition


def traversed_q(model: type[models.Model], condition: Q, reader: Reader) -> Q | None:
    """What a condition on `model` must add so that every restricted model it reaches through a
    relation (`memberships__country__iso_alpha3`) holds only records `reader` sees, None when it
    reaches none (or the reader sees all of what it reaches)."""
    paths: set[tuple[str, Any]] = set()
    for child in _lookups(condition):
        paths.update(_relation_prefixes(model, child))
    extra = Q()
    for prefix, target in sorted(paths, key=lambda path: path[0]):
        inner = visible_q(target, reader, prefix)
        if inner is not None and not inner:
            continue
        # Where the condition reaches a linked record, it must be one the reader sees (where it
        # reaches none, `…__isnull=True` holds as it did).
        extra &= Q(**{f"{prefix}isnull": True}) | (Q(pk__in=[]) if inner is None else inner)
    return extra or None


def _lookups(condition: Q) -> list[str]:
    names = []
    for child in condition.children:
        if isinstance(child, Q):
            names += _lookups(child)
        elif isinstance(child, tuple):
            names.append(child[0])
    return names


def _relation_prefixes(model: type[models.Model], lookup: str) -> set[tuple[str, Any]]:
    """(prefix, model) of each restricted model a lookup passes through."""
    found = set()
    current, prefix = model, ""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            break
        if not field.is_relation or field.related_model is None:
            break
        current = field.related_model
        prefix += part + LOOKUP_SEP
        if is_restricted(current) and prefix.count(LOOKUP_SEP) <= MAX_DEPTH:
            found.add((prefix, current))
    return found


def _link_q(link: Link, reader: Reader, prefix: str, depth: int) -> Q | None:
    if isinstance(link, GenericForeignKey):
        return _generic_q(link, reader, prefix)
    target = link.related_model
    assert isinstance(target, type)
    inner = (
        visible_q(target, reader, f"{prefix}{link.name}__", depth + 1)
        if is_restricted(target)
        else Q()
    )
    if inner is None:
        return None
    if link.null:
        return Q(**{f"{prefix}{link.name}__isnull": False}) & inner
    return inner


def _generic_q(link: GenericForeignKey, reader: Reader, prefix: str) -> Q | None:
    """A generic link is seen when the record it names is: one condition per kind of record
    the table holds."""
    model = link.model
    present = reader.cached(
        ("generic", model._meta.label, link.name),
        lambda: list(
            model._base_manager.order_by().values_list(link.ct_field, flat=True).distinct()
        ),
    )
    options = []
    for content_type_id in present:
        target = ContentType.objects.get_for_id(content_type_id).model_class()
        if target is None:
            continue
        kind = Q(**{f"{prefix}{link.ct_field}": content_type_id})
        inner = visible_q(target, reader) if is_restricted(target) else Q()
        if inner is None:
            continue
        if inner:
            seen = target._base_manager.filter(inner).values("pk")
            kind &= Q(**{f"{prefix}{link.fk_field}__in": seen})
        options.append(kind)
    return reduce(operator.or_, options) if options else None


def hidden_codes(
    target: type[models.Model], field: str, reader: Reader
) -> models.QuerySet[Any] | None:
    """The codes of the `target` records `reader` may not see (a subquery), or None when they
    see them all."""
    inner = visible_q(target, reader)
    if inner is not None and not inner:
        return None
    records = target._base_manager.all()
    if inner is not None:
        records = records.exclude(inner)
    return records.values(field)


# --- In memory ----------------------------------------------------------------------------------


def sees_all_of(model: type[models.Model], reader: Reader) -> bool:
    """Whether `reader` may see every record of `model` (cleared to the top, a role that views
    it and its parents, no code it may not see): then nothing needs checking."""
    if reader.system:
        return True
    if reader.clearance < TOP:
        return False
    result: bool = reader.cached(
        ("all of", model._meta.label), lambda: visible_q(model, reader) == Q()
    )
    return result


def sees(record: Any, reader: Reader | None = None) -> bool:
    """Whether `reader` (the current one by default) may see `record`."""
    reader = reader or current_reader()
    if reader.system or record is None:
        return True
    model = type(record)
    if not is_restricted(model):
        return True
    if sees_all_of(model, reader):
        return True
    if not reader.may(model):
        return False
    level = getattr(record, "classification", None)
    if level is not None and level > reader.clearance:
        return False
    owner = owner_field(model)
    if (
        owner
        and not reader.may(model, "change")
        and getattr(record, f"{owner}_id") != reader.user.pk
    ):
        return False
    for group in parent_groups(model):
        if not any(_link_seen(record, link, reader) for link in group):
            return False
    for name, target, target_field in code_links(model):
        code = getattr(record, name)
        if code and code in _hidden_code_set(target, target_field, reader):
            return False
    return True


def _link_seen(record: Any, link: Link, reader: Reader) -> bool:
    related = raw_related(record, link.name)
    return related is not None and sees(related, reader)


def _hidden_code_set(target: type[models.Model], field: str, reader: Reader) -> set[Any]:
    def compute() -> set[Any]:
        hidden = hidden_codes(target, field, reader)
        return set() if hidden is None else set(hidden.values_list(field, flat=True))

    result: set[Any] = reader.cached(("codes", target._meta.label, field), compute)
    return result


def hidden_codes_named(target: str, reader: Reader | None = None) -> set[Any]:
    """The codes of the records `target` ("geo.Country.iso_alpha3") that the reader (the
    current one by default) may not see: for data outside the database that names records by
    code (application records name offices and citizenships)."""
    app_label, model_name, field = target.split(".")
    return _hidden_code_set(
        apps.get_model(app_label, model_name), field, reader or current_reader()
    )


def note_codes_named(target: str, codes: set[Any]) -> None:
    """Data outside the database shows records by code: they count in the reader's marking as
    the records themselves would (read through the restricted manager, which marks them)."""
    app_label, model_name, field = target.split(".")
    model = apps.get_model(app_label, model_name)
    if codes:
        list(model._default_manager.filter(**{f"{field}__in": list(codes)}).only("pk"))


def shown(record: Any) -> Any:
    """`record` if the current reader may see it (it then counts in the marking), else None."""
    if record is None:
        return None
    reader = current_reader()
    if reader.system:
        return record
    if sees(record, reader):
        reader.note(record)
        return record
    return None


def raw_related(record: Any, name: str) -> Any:
    """The record linked by `record.<name>`, whoever is reading (for the rule itself); None
    when there is none (or no longer one)."""
    descriptor = type(record).__dict__.get(name) or getattr(type(record), name)
    try:
        if hasattr(descriptor, "unguarded_get"):  # a guard (core/guards.py)
            return descriptor.unguarded_get(record)
        return getattr(record, name)
    except ObjectDoesNotExist:
        return None
