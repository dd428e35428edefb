"""Reading an uploaded CSV file within the limits (core/uploads.py): its text, then its rows
after checking the header.

Line numbers are the file's own (the header is line 1, or later after marking lines), so that a
person finds a rejected row in the file they sent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO

from passerelle.core.importing.cells import RowReader
from passerelle.core.importing.report import RowError
from passerelle.core.uploads import LimitExceeded, check_rows, read_limited


def read_text(file: IO[bytes] | IO[str]) -> tuple[str, list[RowError]]:
    """The file's text, decoded from UTF-8 (a byte order mark dropped); or why it cannot be
    read: above the size limit (no more than the limit and a byte is read), or not UTF-8."""
    try:
        content = read_limited(file)
    except LimitExceeded as exceeded:
        return "", [RowError(1, "", str(exceeded))]
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "", [RowError(1, "", "the file is not UTF-8 text")]
    return content.lstrip("\ufeff"), []


def read_rows(
    text: str,
    *,
    required: Iterable[str],
    allowed: Iterable[str],
    max_rows: int | None = None,
    reader: type[RowReader] = RowReader,
) -> tuple[list[RowReader], list[RowError]]:
    """The rows of a CSV text, after checking its header; leading `#` lines (the marking line an
    export writes, core/csv.py) are skipped and blank rows ignored. Past `max_rows` rows, none:
    the rest is only counted, for the error that says how many there are."""
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].startswith("#"):
        skipped += 1
    table = csv.DictReader(io.StringIO("".join(lines[skipped:])))
    header = [name.strip() for name in table.fieldnames or []]
    table.fieldnames = header
    allowed = set(allowed)
    line = 1 + skipped
    errors = [RowError(line, name, "missing column") for name in required if name not in header]
    errors += [RowError(line, name, "unknown column") for name in header if name not in allowed]
    if errors:
        return [], errors
    rows: list[RowReader] = []
    for data in table:
        if not any((value or "").strip() for value in data.values() if isinstance(value, str)):
            continue
        if max_rows is not None and len(rows) == max_rows:
            try:
                check_rows(len(rows) + 1 + sum(1 for _row in table), limit=max_rows)
            except LimitExceeded as exceeded:
                return [], [RowError(line, "", str(exceeded))]
        row = reader(table.line_num + skipped, data)
        if None in data:
            row.error("", "more cells than columns")
        rows.append(row)
    return rows, []
