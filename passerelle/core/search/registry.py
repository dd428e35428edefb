"""Which models are searchable, and how: the fields of their title and text in each language,
and how to link to one of their records.

Each app declares its own kinds in its `search.py` (called from its AppConfig.ready()); this
module names none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.functional import Promise

from passerelle.core.views.routes import record_url

# A field's name ("office.city_en" follows a relation), or a function of the record that
# returns its text.
Field = str | Callable[[Any], str]


@dataclass(frozen=True)
class Bilingual:
    """What to read in English and what in French, where the declaration's usual reading (a
    field's `_en` and `_fr`) does not apply: a function of the record for each language, or a
    text read in one language only (None for the other)."""

    en: Field | None
    fr: Field | None

    @classmethod
    def each(cls, function: Callable[[Any, str], str]) -> Bilingual:
        """`function(record, language)` in each language, read with that language active."""

        def reading(language: str) -> Callable[[Any], str]:
            return _translated(language, lambda record: function(record, language))

        return cls(reading("en"), reading("fr"))


# What a declaration names for a title or a text: a field read as `Searchable` says, or a
# `Bilingual` read as given.
Text = Field | Bilingual


@dataclass(frozen=True)
class Searchable:
    """A model's declaration: `kind` is its name in results and in `?kind=`; titles weigh more
    than the other text when ranking; `order` places its group on the page.

    A field named in `title` or `text` is read in each language as the model holds it: `name`
    is `name_en` in English and `name_fr` in French where the model has both; a field with
    choices is its choice's label in each language; any other field (a code, a proper name)
    reads the same in both. A dotted name follows a relation ("office.city"). A function of
    the record reads the same in both languages; a `Bilingual` reads each language its own way.

    The kind's label is the model's verbose_name_plural. A record links to `link(record)` where
    given (an anchor in a page that lists records), else to its model's declared detail page
    (`object_routes`), else to its `get_absolute_url()`; no link when nothing resolves (pages
    being written later never break search)."""

    kind: str
    model: type[models.Model]
    _: KW_ONLY
    title: Text
    text: tuple[Text, ...] = ()
    link: Callable[[Any], str] | None = None
    order: int = 0
    # What is read in each language ("en", "fr"), from `title` and `text`.
    titles: dict[str, Field] = field(init=False, repr=False)
    texts: dict[str, tuple[Field, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        title = _in_each_language(self.model, self.title)
        texts = [_in_each_language(self.model, text) for text in self.text]
        object.__setattr__(self, "titles", {"en": title.en or "", "fr": title.fr or ""})
        object.__setattr__(
            self,
            "texts",
            {
                "en": tuple(text.en for text in texts if text.en is not None),
                "fr": tuple(text.fr for text in texts if text.fr is not None),
            },
        )

    @property
    def label(self) -> str | Promise | None:
        return self.model._meta.verbose_name_plural

    def title_in(self, instance: models.Model, language: str) -> str:
        """The record's title in `language` ("en" or "fr"), "" where it has none."""
        return _read(instance, self.titles[language])

    def text_in(self, instance: models.Model, language: str) -> str:
        """The record's text in `language`, a line a field, empty ones left out."""
        values = (_read(instance, name) for name in self.texts[language])
        return "\n".join(value for value in values if value)

    def url(self, instance: models.Model) -> str:
        """The record's page, or "" when no page resolves."""
        try:
            return self.link(instance) if self.link is not None else record_url(instance)
        except NoReverseMatch:
            return ""


def _in_each_language(model: type[models.Model], text: Text) -> Bilingual:
    """What `text` reads in English and in French (the class docstring's rules)."""
    if isinstance(text, Bilingual):
        return text
    if callable(text):
        return Bilingual(text, text)
    *path, name = text.split(".")
    target: Any = model
    for step in path:
        target = target._meta.get_field(step).related_model
    prefix = "".join(f"{step}." for step in path)
    if hasattr(target, f"{name}_en") and hasattr(target, f"{name}_fr"):
        return Bilingual(f"{prefix}{name}_en", f"{prefix}{name}_fr")
    if not hasattr(target, name):
        raise ValueError(f"{model.__name__} has no {text!r} to search")
    if not _has_choices(target, name):
        return Bilingual(text, text)

    def label(instance: Any) -> Any:
        return getattr(_follow(instance, path), f"get_{name}_display")()

    return Bilingual(_translated("en", label), _translated("fr", label))


def _has_choices(model: type[models.Model], name: str) -> bool:
    try:
        return bool(getattr(model._meta.get_field(name), "choices", None))
    except FieldDoesNotExist:
        return False


def _follow(instance: Any, path: list[str]) -> Any:
    for step in path:
        instance = getattr(instance, step, None)
    return instance


def _read(instance: models.Model, name: Field) -> str:
    if callable(name):
        value: Any = name(instance)
    else:
        *path, attribute = name.split(".")
        value = getattr(_follow(instance, path), attribute, "")
    return "" if value is None else str(value).strip()


def _translated(language: str, function: Callable[[Any], Any]) -> Callable[[Any], str]:
    """A field read with `language` active: a choice's label, a lazily translated word."""

    def read(instance: Any) -> str:
        with translation.override(language):
            return str(function(instance) or "")

    return read


_registry: dict[str, Searchable] = {}


def register(*searchables: Searchable) -> None:
    """Declare searchable models (from their app's AppConfig.ready()); a kind is declared once.
    Their records are indexed on every save from then on."""
    from passerelle.core.search import index

    for searchable in searchables:
        existing = _registry.get(searchable.kind)
        if existing is not None and existing.model is not searchable.model:
            model = existing.model.__name__
            raise ValueError(f"search kind {searchable.kind!r} is already {model}")
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
