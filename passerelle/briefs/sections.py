"""The brief's document model and the registry of sections other apps contribute.

Every brief (Fundamental, country, forum) is built once as a `Brief` made of `Section`s, then
rendered to HTML, PDF, DOCX and Markdown from that one model, so every format says the same thing.

Apps add sections from their `AppConfig.ready()`:

    register_country_section("indicators", indicators_section, order=80)
    register_fundamental_section("global-figures", global_figures_section, order=25)

A country builder is called as `builder(country, *, user, language)`, a fundamental builder as
`builder(*, user, language)`, inside `django.utils.translation.override(language)`; it reads
through `restrict(user, "view")` and returns a `Section`, or None when it has nothing to show
(the section is then left out, never printed empty).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from passerelle.core.classification import Classification
from passerelle.core.reader import marking_scope


@dataclass(frozen=True)
class Footnote:
    """Where a figure comes from, in the brief's language."""

    source: str  # e.g. "UNHCR, Refugee Population Statistics Database (retrieved 2026-11-20)"
    as_of: str = ""  # formatted for the language, e.g. "end of 2023" / "fin de 2023"


@dataclass(frozen=True)
class Figure:
    """One figure with its label, its value formatted for the language and its source."""

    label: str
    value: str
    footnote: Footnote
    illustrative: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells, already formatted for the language."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    footnote: Footnote | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class Image:
    """A picture in a brief (the network map), as PNG, with its text alternative."""

    png: bytes
    alt: str
    caption: str = ""


@dataclass
class Section:
    """One section of a brief: paragraphs, figures and tables in the brief's language."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    classification: Classification = Classification.UNCLASSIFIED
    illustrative: bool = False
    missing_french: list[str] = field(default_factory=list)
    # Beyond the contract, optional: a bulleted list (after the paragraphs) and pictures.
    items: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    level: int = 2  # 2 for a section, 3 for a sub-section


# A builder returns a Section or None; this app's own builders may return a list (a part and
# its sub-sections).
CountryBuilder = Callable[..., "Section | list[Section] | None"]
FundamentalBuilder = Callable[..., "Section | list[Section] | None"]


@dataclass(frozen=True)
class Registered:
    key: str
    builder: Callable[..., Section | list[Section] | None]
    order: int


# A builder may be registered by its dotted path, imported the first time a brief needs it, so
# that starting Django does not import the libraries of every app's sections.
_country: dict[str, tuple[CountryBuilder | str, int]] = {}
_fundamental: dict[str, tuple[FundamentalBuilder | str, int]] = {}
_forum: dict[str, tuple[CountryBuilder | str, int]] = {}


def register_country_section(key: str, builder: CountryBuilder | str, *, order: int) -> None:
    """Add a section (a builder or its dotted path) to every country brief; the same key
    replaces the earlier one."""
    _country[key] = (builder, order)


def register_fundamental_section(
    key: str, builder: FundamentalBuilder | str, *, order: int
) -> None:
    """Add a section (a builder or its dotted path) to the Fundamental Brief; the same key
    replaces the earlier one."""
    _fundamental[key] = (builder, order)


def register_forum_section(key: str, builder: CountryBuilder | str, *, order: int) -> None:
    """Add a section (a builder or its dotted path) to every forum brief, after the forum's own
    (called as `builder(forum, *, user, language)`); the same key replaces the earlier one."""
    _forum[key] = (builder, order)


def _resolved(registry: dict[str, tuple[Any, int]]) -> list[Registered]:
    for key, (builder, order) in list(registry.items()):
        if isinstance(builder, str):
            registry[key] = (import_string(builder), order)
    found = [Registered(key, builder, order) for key, (builder, order) in registry.items()]
    return sorted(found, key=lambda r: (r.order, r.key))


def country_sections() -> list[Registered]:
    """The registered country sections, by order."""
    return _resolved(_country)


def forum_sections() -> list[Registered]:
    """The sections other apps add to the forum brief, by order."""
    return _resolved(_forum)


def fundamental_sections() -> list[Registered]:
    """The registered Fundamental Brief sections, by order."""
    return _resolved(_fundamental)


def build_sections(
    registered: list[Registered], *args: Any, user: Any, language: str
) -> list[Section]:
    """Call each builder; keep the sections that have something to show (a builder of this app
    may return several sections, a part and its sub-sections, as a list)."""
    sections: list[Section] = []
    for entry in registered:
        with marking_scope() as read:
            built = entry.builder(*args, user=user, language=language)
        if built is None:
            continue
        for section in built if isinstance(built, list) else [built]:
            # Whatever the builder read counts in its marking, whether it marked it or not.
            section.classification = Classification(max(section.classification, read.level))
            section.illustrative = section.illustrative or read.illustrative
            sections.append(section)
    return sections
