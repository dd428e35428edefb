"""What of the application records a reader is shown: the records name offices and citizenships
by code, and a code that names an office or a country the reader may not see is withheld — its
rows are not shown and a filter on it finds nothing, as for a code that names nothing. Which
codes those are is core's decision (core.visibility.hidden_codes_named)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from passerelle.core.visibility import hidden_codes_named, note_codes_named

NAMES = {"office": "network.Office.code", "citizenship": "geo.Country.iso_alpha3"}


def hidden() -> dict[str, set[Any]]:
    """For each column that names records, the codes the current reader may not see."""
    return {column: hidden_codes_named(target) for column, target in NAMES.items()}


def names_hidden(filters: Mapping[str, Any]) -> bool:
    """Whether a filter names a code the current reader may not see."""
    codes = hidden()
    return any(filters.get(column) in codes[column] for column in NAMES if filters.get(column))


def shown_rows(rows: Iterable[Any], key: Any = lambda row: row) -> list[Any]:
    """The rows whose office and citizenship (read from `key(row)`, a mapping) the reader sees;
    the offices and countries they name count in the marking."""
    codes = hidden()
    kept = [
        row
        for row in rows
        if not any(
            key(row).get(column) in codes[column] for column in NAMES if key(row).get(column)
        )
    ]
    for column, target in NAMES.items():
        note_codes_named(target, {key(row).get(column) for row in kept} - {None, ""})
    return kept
