"""CSV export of a list page (`?format=csv`), marked with its classification.

Every list page offers its rows as CSV. The file carries the page's marking the same way the page
does: its first line is a comment naming the highest classification of what it contains (and,
when some rows are made up, the illustrative notice), so a file that leaves the product is never
unmarked. Spreadsheet programs show that line as the first row; `csv` readers skip it with
`read_marked_csv` below or by dropping lines that start with `#`.

    columns = [("name", _("Name")), ("kind", _("Type"))]
    return csv_response(rows, columns, filename="forums", marking=page_marking(forums))

A row is a mapping (`row["name"]`) or any object (`row.name`); a column's key may also be a
callable taking the row. Values are written as text: dates in ISO 8601, None as empty.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from passerelle.core.classification import Classification
from passerelle.core.reader import current_reader

Column = tuple[str | Callable[[Any], Any], Any]

# Cells a spreadsheet would run as a formula (CSV injection, OWASP): prefixed with a quote.
# Spreadsheets trim leading blanks (space, tab, line breaks) before they look, and some read the
# full-width forms (＝ ＋ － ＠, as East Asian input methods type them) as the ASCII signs.
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_LEADING_BLANKS = " \t\r\n"
_CONTROL_START = ("\t", "\r")  # OWASP lists these as triggers in themselves


def wants_csv(request: HttpRequest) -> bool:
    """Whether the list was asked for as CSV (`?format=csv`)."""
    return request.GET.get("format", "").lower() == "csv"


def marking_line(marking: Mapping[str, Any]) -> str:
    """The comment line that marks the file: `# Security classification: Protected B` or
    `# Security classification: Unclassified — Illustrative data: …`."""
    level = Classification(int(marking.get("classification") or 0))
    line = f"# {_('Security classification')}: {level.label}"
    if marking.get("illustrative"):
        line += " — " + _(
            "Illustrative data: this file contains figures made up to exercise the system. They "
            "are not real and must not be quoted."
        )
    return line


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if _guarded(text) else text


def _guarded(text: str) -> bool:
    """Whether the export puts a quote before `text`: it starts like a formula once leading blanks
    are trimmed, or it is such a text already behind quotes (so that `unguard` never drops a quote
    that was part of the value)."""
    bare = text.lstrip("'")
    if bare.startswith(_CONTROL_START):
        return True
    return bare.lstrip(_LEADING_BLANKS).startswith(_FORMULA_START)


def unguard(text: str) -> str:
    """A cell as written before `_cell` guarded it: an importer reading back an exported file
    drops the quote the export put before a value, and only that quote
    (`unguard(_cell(text)) == text` for every text)."""
    if text.startswith("'") and _guarded(text[1:]):
        return text[1:]
    return text


def _value(row: Any, key: str | Callable[[Any], Any]) -> Any:
    if callable(key):
        return key(row)
    if isinstance(row, Mapping):
        return row.get(key)
    value = getattr(row, key, None)
    return value() if callable(value) else value


def csv_text(
    rows: Iterable[Any], columns: Sequence[Column], marking: Mapping[str, Any] | None = None
) -> str:
    """The marked CSV as text: the marking line, the header of column labels, one line a row.

    The marking is that of everything the cells read (the reader counts it, core/marking.py),
    and at least `marking`: the cells are made first, so the linked records they name count."""
    cells = [[_cell(_value(row, key)) for key, _label in columns] for row in rows]
    buffer = io.StringIO()
    buffer.write(marking_line(final_marking(marking)) + "\r\n")
    writer = csv.writer(buffer)
    writer.writerow([str(label) for _key, label in columns])
    writer.writerows(cells)
    return buffer.getvalue()


def final_marking(marking: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`marking` raised to what the current reader has been given so far."""
    read = current_reader().marking
    read.add(
        int((marking or {}).get("classification") or 0), bool((marking or {}).get("illustrative"))
    )
    return {"classification": read.classification, "illustrative": read.illustrative}


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def csv_response(
    rows: Iterable[Any],
    columns: Sequence[Column],
    filename: str,
    marking: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """A CSV download of `rows`, one column per `(key, label)` of `columns`, marked on its first
    line with `marking` (what `web.marking.page_marking` returns for the rows). UTF-8 with a
    byte-order mark so spreadsheet programs read accents right."""
    name = _SAFE_NAME.sub("-", filename.removesuffix(".csv")).strip("-") or "export"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    text = csv_text(rows, columns, marking)
    level = Classification(int(final_marking(marking)["classification"]))
    response["X-Classification"] = level.name
    response.write("\ufeff" + text)
    return response


def read_marked_csv(text: str) -> list[dict[str, str]]:
    """The rows of a file written by `csv_response` (the marking line skipped): for tests and
    round trips."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    # read as one stream: a quoted cell may hold line breaks
    return list(csv.DictReader(io.StringIO("".join(lines), newline="")))
