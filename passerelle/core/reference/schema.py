"""The reference data's format: what each file may hold, checked before anything is written.

A file is a mapping with any of `sources`, `country_groups` and `facts` (lists), and `section`,
the default section of its facts. See docs/reference-data.md.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from passerelle.core.classification import Classification
from passerelle.core.models import Fact
from passerelle.core.reference.errors import Problem
from passerelle.core.reference.yamlio import LineMapping

# The sections of the binder's Fundamental Brief, in the order the brief gives them, that hold
# facts. (The seven opportunities are objectives of the engagements app: see
# data/reference/engagements/objectives.yaml.)
SECTIONS = (
    "context",
    "global-context",
    "trends",
    "engagement-channels",
    "participation",
    "bilateral-engagement",
    "irritants",
    "crisis-measures",
    "multilateral",
    "capacity-building",
    "diplomacy",
    "takeaways",
    "network",
)
UNITS = tuple(Fact.Unit.values)
CLASSIFICATIONS = {
    "unclassified": Classification.UNCLASSIFIED,
    "protected-a": Classification.PROTECTED_A,
    "protected-b": Classification.PROTECTED_B,
}
FILE_FIELDS = {"section", "sources", "country_groups", "facts"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass
class CitationSpec:
    """A citation as the file gives it: a source key, the field it supports, where."""

    source: str
    field: str
    locator_en: str
    locator_fr: str
    note: str
    line: int


@dataclass
class SourceSpec:
    """A source's values, by key."""

    key: str
    values: dict[str, Any]
    path: Path
    line: int


@dataclass
class GroupSpec:
    """A country group's values, its members by alpha-3 and by M49 area, its citations."""

    slug: str
    values: dict[str, Any]
    members: list[str]
    regions: list[str]
    citations: list[CitationSpec]
    path: Path
    line: int
    members_line: int


@dataclass
class FactSpec:
    """A fact's values, its countries by alpha-3, its citations."""

    key: str
    values: dict[str, Any]
    countries: list[str]
    citations: list[CitationSpec]
    path: Path
    line: int
    countries_line: int


@dataclass
class ReferenceData:
    """Every record the files describe, validated."""

    sources: list[SourceSpec] = field(default_factory=list)
    groups: list[GroupSpec] = field(default_factory=list)
    facts: list[FactSpec] = field(default_factory=list)

    def country_codes(self) -> list[tuple[str, Path, int]]:
        """Every country code used, with where it is used."""
        used = [(code, g.path, g.members_line) for g in self.groups for code in g.members]
        return used + [(code, f.path, f.countries_line) for f in self.facts for code in f.countries]


class Checker:
    """Reads one file's records, collecting problems rather than stopping at the first."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def fail(self, line: int, reason: str) -> None:
        self.problems.append(Problem(self.path, line, reason))

    def mapping(self, item: Any, line: int, what: str) -> LineMapping | None:
        if not isinstance(item, LineMapping):
            self.fail(line, f"{what} must be a mapping")
            return None
        return item

    def listed(
        self, top: LineMapping, name: str, *, blank_is_empty: bool = False
    ) -> Iterator[LineMapping]:
        """The mappings a file lists under `name`, each checked: a problem for a value that is
        not a list and for each item that is not a mapping. `blank_is_empty`: a name written
        with nothing after it lists nothing (else it is a problem too)."""
        items = top.get(name, [])
        if blank_is_empty and not items:
            items = []
        if not isinstance(items, list):
            self.fail(top.line_of(name), f"{name!r} must be a list")
            return
        for item in items:
            mapping = self.mapping(item, top.line_of(name), f"each of {name!r}")
            if mapping is not None:
                yield mapping

    def fields(self, item: LineMapping, *, required: set[str], optional: set[str]) -> bool:
        ok = True
        for name in sorted(set(item) - required - optional):
            self.fail(item.line_of(name), f"unknown field {name!r}")
            ok = False
        for name in sorted(required - set(item)):
            self.fail(item.line, f"missing field {name!r}")
            ok = False
        return ok

    def text(self, item: LineMapping, name: str, *, required: bool = False) -> str:
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(item.line_of(name), f"{name!r} must be text, not {value!r}")
            return ""
        value = value.strip()
        if required and not value:
            self.fail(item.line_of(name), f"{name!r} must not be empty")
        return value

    def slug(self, item: LineMapping, name: str) -> str:
        value = self.text(item, name, required=True)
        if value and not _SLUG.match(value):
            self.fail(item.line_of(name), f"{name!r} {value!r} is not a lower-case-hyphenated key")
        return value

    def date(self, item: LineMapping, name: str) -> datetime.date | None:
        value = item.get(name)
        if value in (None, ""):
            return None
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(item.line_of(name), f"{name!r} {value!r} is not a date (YYYY-MM-DD)")
            return None

    def bilingual(self, item: LineMapping, stem: str, *, required: bool) -> dict[str, str]:
        """`stem_en` and `stem_fr`: French is required wherever English is given."""
        en = self.text(item, f"{stem}_en", required=required)
        fr = self.text(item, f"{stem}_fr", required=required)
        if en and not fr and not required:
            self.fail(
                item.line_of(f"{stem}_en"), f"'{stem}_fr' is required when '{stem}_en' is given"
            )
        return {f"{stem}_en": en, f"{stem}_fr": fr}

    def codes(self, item: LineMapping, name: str) -> list[str]:
        value = item.get(name) or []
        if not isinstance(value, list):
            self.fail(item.line_of(name), f"{name!r} must be a list of ISO alpha-3 codes")
            return []
        codes = []
        for code in value:
            if not isinstance(code, str) or not _ALPHA3.match(code):
                self.fail(item.line_of(name), f"{code!r} in {name!r} is not an ISO alpha-3 code")
            elif code in codes:
                self.fail(item.line_of(name), f"country {code} is listed twice in {name!r}")
            else:
                codes.append(code)
        return codes

    def citations(self, item: LineMapping, *, model_fields: set[str]) -> list[CitationSpec]:
        value = item.get("citations")
        if not isinstance(value, list) or not value:
            self.fail(item.line_of("citations"), "'citations' must be a non-empty list")
            return []
        result: list[CitationSpec] = []
        for entry in value:
            cite = self.mapping(entry, item.line_of("citations"), "a citation")
            if cite is None or not self.fields(
                cite, required={"source"}, optional={"field", "locator_en", "locator_fr", "note"}
            ):
                continue
            locator = self.bilingual(cite, "locator", required=False)
            spec = CitationSpec(
                source=self.text(cite, "source", required=True),
                field=self.text(cite, "field"),
                locator_en=locator["locator_en"],
                locator_fr=locator["locator_fr"],
                note=self.text(cite, "note"),
                line=cite.line,
            )
            if spec.field and spec.field not in model_fields:
                self.fail(cite.line_of("field"), f"'field' {spec.field!r} is not a field")
            if any((c.source, c.field) == (spec.source, spec.field) for c in result):
                self.fail(
                    cite.line, f"{spec.source!r} is cited twice for {spec.field or 'the record'!r}"
                )
            result.append(spec)
        return result

    def flag(self, item: LineMapping, name: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            self.fail(item.line_of(name), f"{name!r} must be true or false")
            return False
        return value

    def choice(self, item: LineMapping, name: str, choices: Sequence[str]) -> str:
        """A value of a controlled vocabulary (a model's choices); required."""
        value = self.text(item, name, required=True)
        if value and value not in choices:
            self.fail(item.line_of(name), f"unknown {name} {value!r} ({', '.join(choices)})")
        return value

    def classification(self, item: LineMapping) -> int:
        value = item.get("classification", "unclassified")
        if value not in CLASSIFICATIONS:
            choices = ", ".join(CLASSIFICATIONS)
            self.fail(
                item.line_of("classification"), f"unknown classification {value!r} ({choices})"
            )
            return Classification.UNCLASSIFIED
        return CLASSIFICATIONS[value]
