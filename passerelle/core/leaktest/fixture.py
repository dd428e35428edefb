"""Marked records for every restricted model, and lower records that link to them.

For each restricted model and each classification above Unclassified, a *marker* record whose
every text field carries a token of its level (`zqpa017x`, `zqpb017x`). For each link to a
restricted model — foreign key, many-to-many, generic link, code — an Unclassified *linker* that
points at a marker:
- where the link is optional, the linker is shown to a lower reader without the marker, and its
  own text carries a token (`zqvu…`) that the crawl must find somewhere (else the test would
  prove nothing about that link);
- where the link is a parent (required, or a declared group), the linker must not be shown at
  all to a reader who may not see the marker, and its text carries a token of the marker's level
  (`zqha…`, `zqhb…`).

Every value is derived from the model's fields, so a new model or link is covered without
editing this file; `OVERRIDES` holds the few values a field's type cannot tell.
"""

from __future__ import annotations

import datetime
import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord
from passerelle.core.visibility import code_links, is_classified, is_restricted, parent_groups

PA, PB = Classification.PROTECTED_A, Classification.PROTECTED_B
LEVELS = (PA, PB)
# Tokens: a marker's (its level), a hidden linker's (its parent's level), a shown linker's.
MARKER_PREFIX: dict[int, str] = {PA: "zqpa", PB: "zqpb"}
HIDDEN_PREFIX: dict[int, str] = {PA: "zqha", PB: "zqhb"}
SHOWN_PREFIX = "zqvu"
TOKEN_PATTERN = r"zq(?:pa|pb|ha|hb|vu)\d{4}x"


def _iso_codes() -> Iterator[str]:
    import pycountry

    yield from sorted(country.alpha_3 for country in pycountry.countries)


_ISO3 = _iso_codes()

# Values a field's type cannot tell (e.g. codes checked against a list elsewhere); a callable
# gives a new value each time.
OVERRIDES: dict[str, dict[str, Any]] = {
    "indicators.Observation": {"period": "2023", "geography_kind": "country"},
    "geo.Country": {"iso_alpha3": lambda: next(_ISO3)},
    # a finished job, so that its page links to its result file (jobs:job_result)
    "core.Job": {"status": "succeeded", "kind": "core.leaktest"},
    # A part written in the binder prints its title and text: its marks reach the binder's files.
    "briefs.BinderPart": {"kind": "note"},
}

_counter = itertools.count(1)


def _token(prefix: str) -> str:
    return f"{prefix}{next(_counter):04d}x"


@dataclass
class Linker:
    """An Unclassified record linking to a marker through `link`."""

    record: models.Model
    link: str
    target: models.Model
    token: str
    shown: bool  # whether a reader who may not see the target still sees the linker


@dataclass
class Fixture:
    markers: dict[tuple[str, int], models.Model] = field(default_factory=dict)
    linkers: list[Linker] = field(default_factory=list)
    base: dict[str, models.Model] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def restricted_models() -> list[type[models.Model]]:
    """Every restricted model but the change log (made by the others' writes)."""
    return [m for m in apps.get_models() if is_restricted(m) and m is not ChangeRecord]


def classified_models() -> list[type[models.Model]]:
    """The restricted models whose records carry a classification of their own (a citation's
    is that of what it names: it is tested through its links)."""
    return [m for m in restricted_models() if is_classified(m)]


class Builder:
    def __init__(self, *, user: models.Model) -> None:
        self.fixture = Fixture()
        self.user = user
        self._codes: dict[int, Iterator[int]] = {}
        self._choice_turns: dict[tuple[str, str], Iterator[int]] = {}

    # --- values -----------------------------------------------------------------------------

    def _code(self, length: int) -> str:
        """A code unique among those of its length: X, then letters (ISO's user-assigned)."""
        number, letters = next(self._codes.setdefault(length, itertools.count(1))), ""
        for _ in range(length - 1):
            letters = chr(ord("A") + number % 26) + letters
            number //= 26
        return ("X" + letters)[:length]

    def _value(self, model: type[models.Model], f: models.Field[Any, Any], token: str) -> Any:
        override = OVERRIDES.get(model._meta.label, {})
        if f.name in override:
            value = override[f.name]
            return value() if callable(value) else value
        if f.choices:
            choices = [value for value, _label in f.flatchoices]
            if not f.unique:
                return choices[0]
            # A unique choice (a kind with one record each): the field's next one, in turn.
            turn = self._choice_turns.setdefault((model._meta.label, f.name), itertools.count())
            return choices[next(turn) % len(choices)]
        if isinstance(f, models.SlugField):
            return f"{token}-{next(_counter)}"[: f.max_length]
        if isinstance(f, models.URLField):
            return f"https://example.org/{token}"
        if isinstance(f, models.CharField | models.TextField):
            if f.blank and f.name.endswith("_fr") and not f.unique:
                # French still to write: the "translation to do" page lists the record by its
                # English, which carries the token.
                return ""
            max_length = f.max_length or 200
            if max_length < len(token) + 2:
                return self._code(max_length)
            return f"{token} {model._meta.model_name} {f.name}"[:max_length]
        if isinstance(f, models.BooleanField):
            return False
        if isinstance(f, models.DateTimeField):
            return timezone.now()
        if isinstance(f, models.DateField):
            return datetime.date(2024, 1, 1) + datetime.timedelta(days=next(_counter) % 300)
        if isinstance(f, models.IntegerField):
            return next(_counter)  # unique, for constraints over several fields
        if isinstance(f, models.FloatField | models.DecimalField):
            return 1
        if isinstance(f, models.UUIDField):
            return uuid.uuid4()
        if isinstance(f, models.JSONField):
            return f.get_default()
        raise TypeError(f"no value for {model._meta.label}.{f.name} ({type(f).__name__})")

    def values(
        self, model: type[models.Model], *, level: int, token: str, links: dict[str, Any]
    ) -> dict[str, Any]:
        """Every field of a new record: text carries `token`, links as given, else the base
        record of a required link's model."""
        result: dict[str, Any] = {}
        grouped = {link.name for group in parent_groups(model) for link in group}
        for f in model._meta.concrete_fields:
            if f.primary_key or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                continue
            if f.name == "version" or f.name in links:
                continue
            if f.name == "classification":
                result[f.name] = level
            elif isinstance(f, models.ForeignKey):
                if f.related_model is ContentType:
                    continue
                if not is_restricted(f.related_model):
                    if not f.null:
                        result[f.name] = self.user
                    continue
                if not f.null or (f.name in grouped and not self._group_set(model, f, links)):
                    target = f.related_model
                    assert isinstance(target, type)
                    result[f.name] = self.fresh(target) if f.unique else self.base_of(target)
            elif f.null and f.name not in OVERRIDES.get(model._meta.label, {}):
                continue
            else:
                result[f.name] = self._value(model, f, token)
        for name, target, target_field in code_links(model):
            if name not in links:
                result[name] = getattr(self.base_of(target), target_field)
        result.update(links)
        return result

    def _group_set(self, model: type[models.Model], f: Any, links: dict[str, Any]) -> bool:
        """Whether another link of `f`'s group is set (then `f` stays empty)."""
        for group in parent_groups(model):
            names = [link.name for link in group]
            if f.name in names:
                return any(name in links for name in names) or names[0] != f.name
        return False

    # --- records ----------------------------------------------------------------------------

    def create(
        self, model: type[models.Model], *, level: int, token: str, links: dict[str, Any]
    ) -> models.Model:
        generic = {name: value for name, value in links.items() if _is_generic(model, name)}
        plain = {name: value for name, value in links.items() if name not in generic}
        record = model(**self.values(model, level=level, token=token, links=plain))
        for name, value in generic.items():
            setattr(record, name, value)
        record.save()
        return record

    def base_of(self, model: type[models.Model]) -> models.Model:
        """One Unclassified record of `model`, shared."""
        label = model._meta.label
        if label not in self.fixture.base:
            self.fixture.base[label] = self.fresh(model)
        return self.fixture.base[label]

    def fresh(self, model: type[models.Model]) -> models.Model:
        links: dict[str, Any] = {}
        for f in model._meta.private_fields:
            if isinstance(f, GenericForeignKey):
                links[f.name] = self._generic_target(model)
        return self.create(model, level=0, token=_token(SHOWN_PREFIX), links=links)

    def _generic_target(self, model: type[models.Model]) -> models.Model:
        from passerelle.core.models import Fact

        return self.base_of(Fact)

    def marker(self, model: type[models.Model], level: int) -> models.Model:
        key = (model._meta.label, level)
        if key not in self.fixture.markers:
            links = {
                f.name: self._generic_target(model)
                for f in model._meta.private_fields
                if isinstance(f, GenericForeignKey)
            }
            self.fixture.markers[key] = self.create(
                model, level=level, token=_token(MARKER_PREFIX[level]), links=links
            )
        return self.fixture.markers[key]

    # --- links ------------------------------------------------------------------------------

    def link_all(self) -> None:
        for model in classified_models():
            for level in LEVELS:
                self.marker(model, level)
        for model in restricted_models():
            for name, target_model, shown, sibling in self._links(model):
                for level in LEVELS:
                    self._linker(model, name, target_model, level, shown, sibling)

    def _links(self, model: type[models.Model]) -> Iterator[tuple[str, Any, bool, str]]:
        """(link, target model, whether the linker is shown without the target, a sibling in
        its parent group set to a record the reader sees)."""
        groups = {link.name: group for group in parent_groups(model) for link in group}
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and is_restricted(f.related_model):
                yield f.name, f.related_model, f.name not in groups, ""
                siblings = [link.name for link in groups.get(f.name, ()) if link.name != f.name]
                if siblings:
                    # With a partner the reader sees, shown, and this link withheld.
                    yield f.name, f.related_model, True, siblings[0]
        for f in model._meta.many_to_many:
            if is_restricted(f.related_model):
                yield f.name, f.related_model, True, ""
        for f in model._meta.private_fields:
            if isinstance(f, GenericForeignKey):
                yield f.name, None, f.name not in groups, ""
        seen_codes = set()
        for name, target, _field in code_links(model):
            if name not in seen_codes:
                seen_codes.add(name)
                yield name, target, False, ""

    def _linker(
        self,
        model: type[models.Model],
        name: str,
        target_model: Any,
        level: int,
        shown: bool,
        sibling: str,
    ) -> None:
        from passerelle.core.models import Fact

        target_model = target_model or Fact
        if not is_classified(target_model):
            return
        target = self.marker(target_model, level)
        token = _token(SHOWN_PREFIX if shown else HIDDEN_PREFIX[level])
        label = f"{model._meta.label}.{name}" + (f" with {sibling}" if sibling else "")
        known = dict(self.fixture.base)
        try:
            with transaction.atomic():
                record = self._make_linker(model, name, target, token, sibling)
        except IntegrityError as error:
            self.fixture.base = known  # what the attempt made is rolled back
            self.fixture.skipped.append(f"{label}: {error}")
            return
        self.fixture.linkers.append(Linker(record, name, target, token, shown))

    def _make_linker(
        self, model: type[models.Model], name: str, target: models.Model, token: str, sibling: str
    ) -> models.Model:
        m2m = {f.name for f in model._meta.many_to_many}
        codes = {n: f for n, t, f in code_links(model) if isinstance(target, t)}
        if name in m2m:
            record = self.create(model, level=0, token=token, links=self._generic_links(model))
            getattr(record, name).add(target)
            return record
        if name in codes:
            links = {name: getattr(target, codes[name]), **self._generic_links(model)}
            return self.create(model, level=0, token=token, links=links)
        links = {**self._generic_links(model), name: target}
        if sibling:
            related: Any = model._meta.get_field(sibling).related_model
            links[sibling] = self.base_of(related)
        return self.create(model, level=0, token=token, links=links)

    def _generic_links(self, model: type[models.Model]) -> dict[str, Any]:
        return {
            f.name: self._generic_target(model)
            for f in model._meta.private_fields
            if isinstance(f, GenericForeignKey)
        }


def _is_generic(model: type[models.Model], name: str) -> bool:
    return any(
        isinstance(f, GenericForeignKey) and f.name == name for f in model._meta.private_fields
    )


def build(*, user: models.Model) -> Fixture:
    """Every marker and linker (run as the system, in the caller's transaction); `user` is
    named where a record needs a user (an author)."""
    builder = Builder(user=user)
    builder.link_all()
    return builder.fixture
