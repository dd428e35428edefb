"""Which models are searchable, and how: the fields of their title and text in each language,
their kind's name and how to link to one of their records.

Each app declares its own kinds in its `search.py` (called from its AppConfig.ready()); this
module names none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import Promise

# A field's name, or a function of the record that returns its text (a label built from several
# fields, a choice's label in one language).
Field = str | Callable[[Any], str]


@dataclass(frozen=True)
class Searchable:
    """A model's declaration: `kind` is its name in results and in `?kind=`; titles weigh more
    than the other text when ranking.

    Titles and texts are fields or functions of the record (`Field`). `url_name` and
    `url_kwargs` (a mapping of URL argument to attribute) give the record's page, or `link` (a
    function of the record) an address of its own, such as an anchor in a page that lists
    records; the record's `get_absolute_url()` is used when there is none, and no link when
    nothing resolves (pages being written later never break search)."""

    kind: str
    model: type[models.Model]
    label: str | Promise | None
    title_en: Field
    title_fr: Field
    english: tuple[Field, ...] = ()
    french: tuple[Field, ...] = ()
    url_name: str = ""
    url_kwargs: dict[str, str] = field(default_factory=dict)
    order: int = 0
    link: Callable[[Any], str] | None = None

    def text(self, instance: models.Model, names: tuple[Field, ...]) -> str:
        """The record's text in those fields, one per line, empty ones left out."""
        values = (_read(instance, name) for name in names)
        return "\n".join(value for value in values if value)

    def url(self, instance: models.Model) -> str:
        """The record's page, or "" when no page resolves."""
        if self.link is not None:
            try:
                return self.link(instance)
            except NoReverseMatch:
                return ""
        if self.url_name:
            kwargs = {key: _read(instance, attribute) for key, attribute in self.url_kwargs.items()}
            try:
                return reverse(self.url_name, kwargs=kwargs)
            except NoReverseMatch:
                pass
        absolute: Callable[[], str] | None = getattr(instance, "get_absolute_url", None)
        if absolute is not None:
            try:
                return absolute()
            except NoReverseMatch:
                return ""
        return ""


_registry: dict[str, Searchable] = {}


def _read(instance: models.Model, name: Field) -> str:
    value: Any = name(instance) if callable(name) else getattr(instance, name, "")
    return "" if value is None else str(value).strip()


def register(searchable: Searchable) -> None:
    """Declare a searchable model (from its app's AppConfig.ready()); a kind is declared once.
    Its records are indexed on every save from then on."""
    from passerelle.core.search import index

    existing = _registry.get(searchable.kind)
    if existing is not None and existing.model is not searchable.model:
        raise ValueError(f"search kind {searchable.kind!r} is already {existing.model.__name__}")
    _registry[searchable.kind] = searchable
    index.connect_model(searchable)


def searchables() -> list[Searchable]:
    """Every declaration, in display order."""
    return sorted(_registry.values(), key=lambda s: (s.order, s.kind))


def for_model(model: type[models.Model]) -> Searchable | None:
    """The declaration of `model` (concrete models only; migrations' historical models have
    none)."""
    return next((s for s in _registry.values() if s.model is model), None)


def get(kind: str) -> Searchable:
    """The declaration of `kind`; KeyError for an unknown kind."""
    return _registry[kind]


def kinds() -> list[str]:
    return [s.kind for s in searchables()]


def translated(language: str, function: Callable[[Any], Any]) -> Callable[[Any], str]:
    """A field read with `language` active: a choice's label, a lazily translated word."""

    def read(instance: Any) -> str:
        with translation.override(language):
            return str(function(instance) or "")

    return read
