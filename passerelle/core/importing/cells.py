"""Reading the cells of one row: each reader returns the value and records an error (row,
column, reason) for a cell it cannot read, so that every bad cell of a file is reported at once.

Choices are read by value or by their label in English or French; lists are separated by
semicolons; a cell that an export guarded against formulas (core/csv.py) reads back as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.csv import unguard
from passerelle.core.importing.report import RowError

if TYPE_CHECKING:
    from passerelle.core.models import Source

LIST_SEPARATOR = ";"
_TRUE, _FALSE = ("true", "yes", "oui", "1"), ("false", "no", "non", "0")


def labels(choices: Iterable[tuple[Any, Any]]) -> dict[str, str]:
    """Each value, and its label in English and in French, folded → the value."""
    names: dict[str, str] = {}
    for value, label in choices:
        names[str(value).casefold()] = str(value)
        for language in ("en", "fr"):
            with translation.override(language):
                names[str(label).casefold()] = str(value)
    return names


class RowReader:
    """Reads and checks the cells of one row, collecting an error per bad cell."""

    def __init__(self, line: int, data: Mapping[str, str | None]) -> None:
        self.line = line
        self.data = data
        self.errors: list[RowError] = []

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.line, column, reason))

    def raw(self, column: str) -> str:
        """The cell as text without the quote an export puts before a formula-like value
        (core/csv.py), so that an exported file imports back unchanged; then trimmed."""
        return unguard(self.data.get(column) or "").strip()

    def text(self, column: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self.raw(column)
        if required and not value:
            self.error(column, "a value is required")
        elif len(value) > max_length:
            self.error(column, f"longer than {max_length} characters")
        return value

    def slug(self, column: str) -> str:
        value = self.text(column, max_length=60)
        if value and not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
            self.error(column, f"{value!r} is not a code (letters, digits, - and _ only)")
        return value

    def choice(self, column: str, choices: Iterable[str], *, default: str | None = None) -> str:
        """A choice given by its value only."""
        value = self.raw(column) or (default or "")
        allowed = list(choices)
        if value not in allowed:
            self.error(column, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def labelled(self, column: str, choices: Iterable[tuple[Any, Any]], default: str = "") -> str:
        """A choice given by its value or its label (English or French)."""
        return self.label_value(column, self.raw(column) or default, choices)

    def label_value(self, column: str, value: str, choices: Iterable[tuple[Any, Any]]) -> str:
        """The choice whose value or label is `value`; an error (and "") otherwise."""
        pairs = list(choices)
        found = labels(pairs).get(value.casefold())
        if found is None:
            allowed = ", ".join(str(v) for v, _label in pairs)
            self.error(
                column, f"{value!r} is not one of {allowed}" if value else "a value is required"
            )
            return ""
        return found

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.raw(column)
        if not value:
            if required:
                self.error(column, "a date is required")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(column, f"{value!r} is not a date as YYYY-MM-DD")
            return None

    def period(self, start: str, end: str) -> tuple[datetime.date | None, datetime.date | None]:
        begins, ends = self.date(start), self.date(end)
        if begins and ends and ends < begins:
            self.error(end, f"{ends} is before {start} {begins}")
        return begins, ends

    def number(self, column: str, *, low: float, high: float) -> float | None:
        value = self.raw(column)
        try:
            number = float(value)
        except ValueError:
            self.error(column, f"{value!r} is not a number")
            return None
        if not low <= number <= high:
            self.error(column, f"{number} is outside {low} to {high}")
            return None
        return number

    def count(self, column: str) -> int | None:
        value = self.raw(column)
        try:
            number = int(value)
        except ValueError:
            self.error(column, f"{value!r} is not a whole number")
            return None
        if number < 0:
            self.error(column, f"{number} is negative")
            return None
        return number

    def boolean(self, column: str, *, default: bool = False) -> bool:
        value = self.raw(column).casefold()
        if not value:
            return default
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.error(column, f"{value!r} is not true or false")
        return default

    def classification(self, column: str = "classification") -> int:
        """A level by its name (`protected_b`, `protected b`), its label in English or French
        or its number; empty is unclassified."""
        value = self.raw(column)
        if not value:
            return int(Classification.UNCLASSIFIED)
        names = labels(Classification.choices)
        names.update({level.name.casefold(): str(level.value) for level in Classification})
        names.update({name.replace("_", " "): v for name, v in list(names.items())})
        found = names.get(value.casefold())
        if found is None:
            allowed = ", ".join(level.name.lower() for level in Classification)
            self.error(column, f"{value!r} is not one of {allowed}")
            return int(Classification.UNCLASSIFIED)
        return int(found)

    def known(self, column: str, codes: Mapping[str, Any] | set[str], what: str) -> Any:
        """The record (or code) that `column` names among `codes`; empty stays None."""
        value = self.raw(column)
        if not value:
            return None
        key = value.upper() if what == "country" else value
        if key not in codes:
            self.error(column, f"unknown {what} {value!r}")
            return None
        return codes[key] if isinstance(codes, Mapping) else key

    def codes(self, column: str) -> list[str]:
        """The codes of a list cell (`a;b;c`)."""
        return [code.strip() for code in self.raw(column).split(LIST_SEPARATOR) if code.strip()]

    def records(self, column: str, known: Mapping[str, Any], what: str) -> list[Any]:
        """The records a list of codes names; every unknown code is an error."""
        found = []
        for code in self.codes(column):
            record = known.get(code.upper() if what == "country" else code)
            if record is None:
                self.error(column, f"unknown {what} {code!r}")
            else:
                found.append(record)
        return found

    def bilingual(self, name: str, *, max_length: int) -> dict[str, str]:
        """`name_en` and `name_fr`, both optional, but the French required with the English; a
        file without these columns leaves the record's values as they are."""
        if f"{name}_en" not in self.data and f"{name}_fr" not in self.data:
            return {}
        english = self.text(f"{name}_en", required=False, max_length=max_length)
        french = self.text(f"{name}_fr", required=False, max_length=max_length)
        if english and not french:
            self.error(f"{name}_fr", f"the French is required when {name}_en is given")
        return {f"{name}_en": english, f"{name}_fr": french}

    def provenance(self) -> dict[str, Any]:
        """The row's classification and illustrative flag (core base model fields)."""
        return {
            "classification": self.classification(),
            "illustrative": self.boolean("illustrative"),
        }

    def citation(self, sources: Mapping[str, Source]) -> dict[str, Any] | None:
        """The row's citation: `source` (a Source key) with `locator_en` and `locator_fr`."""
        source = self.known("source", sources, "source")
        if source is None:
            return None
        return {
            "source": source,
            "locator_en": self.text("locator_en", required=False),
            "locator_fr": self.text("locator_fr", required=False),
        }

    def field_citation(self, name: str, citation: dict[str, Any] | None) -> list[dict[str, Any]]:
        """The citation of field `name` (its own locator columns, else the row's)."""
        if citation is None or not self.raw(f"{name}_en"):
            return []
        locators = {
            "locator_en": self.raw(f"{name}_locator_en") or citation["locator_en"],
            "locator_fr": self.raw(f"{name}_locator_fr") or citation["locator_fr"],
        }
        return [{**citation, **locators, "field": name}]
