"""What every importer produces, and the errors it reports.

A reader turns a publisher's file into a `Parsed`: the release it holds, the indicators it
defines, its observations (and, for UNHCR, its origin → asylum rows), the rows it read, the rows it
skipped and why (a note, a blank line, an empty cell), and the values it rejected, each with file,
row, column and reason (the kernel's `RowError`, core/importing). Nothing is written by a reader;
`writer.write()` writes a `Parsed` all or nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from passerelle.core.importing.report import RowError


class ImportFailed(Exception):
    """The file cannot be read at all (wrong format, missing header)."""


@dataclass(frozen=True)
class Release:
    """The publication a file comes from; one `core.Source` per release."""

    key: str
    publisher_en: str
    publisher_fr: str
    title_en: str
    title_fr: str
    edition: str
    published: datetime.date | None = None
    identifier: str = ""


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as a reader defines it (created if missing, updated if it differs)."""

    code: str
    name_en: str
    name_fr: str
    unit: str
    publisher: str
    definition_en: str = ""
    definition_fr: str = ""


@dataclass(frozen=True)
class Value:
    """One observation before it is written."""

    indicator: str
    geography: str
    kind: str
    name: str
    period: str
    period_end: datetime.date
    value: float | None
    status: str
    breakdown: str = ""
    notes: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.geography, self.breakdown, self.period)


@dataclass
class Parsed:
    """A file read, nothing written yet."""

    release: Release
    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)
    values: list[Value] = field(default_factory=list)
    corridors: list[dict[str, Any]] = field(default_factory=list)
    rows_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    kept_codes: dict[str, str] = field(default_factory=dict)

    def add(self, spec: IndicatorSpec) -> None:
        self.indicators.setdefault(spec.code, spec)

    def reject(self, *, file: str, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(row, column, reason, file=file))


def refuse_unknown_columns(name: str, header: list[str], known: list[str]) -> None:
    """A column the layout does not have is refused by name, as the registry's imports do
    (core/importing): a figure in it would otherwise be silently ignored."""
    unknown = [column for column in header if column not in known]
    if unknown:
        raise ImportFailed(
            f"{name}: unknown column(s) {', '.join(repr(c) for c in unknown)}; "
            f"the layout's columns are {', '.join(known)}"
        )


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def parse_count(text: str) -> int:
    """A count as publishers write it: `1234`, `1,234`, `3e+05` (UNHCR's HDX files)."""
    cleaned = text.strip().replace(",", "")
    number = float(cleaned)
    if number != int(number) or number < 0:
        raise ValueError(f"{text!r} is not a whole, non-negative number")
    return int(number)
