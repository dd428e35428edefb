"""The importers of the publishers' files, by kind: `run_import(kind, path, …)` reads the file,
then writes it all or nothing and records the run (writer.py).

| kind | reader |
|---|---|
| unhcr-population | unhcr.py: population API JSON, API-layout CSV, HDX CSV |
| undesa-stock | undesa.py: International Migrant Stock 2020 workbook |
| wdi | wdi.py: WDI bulk CSV (+ metadata) or API JSON |
| ircc-processing-times | ircc.py: processing-times JSON (by country, or not) |
| ircc-study-permits | study_permits.py: study permit holders by citizenship |
| dtm | dtm.py: IOM DTM API JSON |
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from passerelle.core import uploads
from passerelle.core.models import User
from passerelle.indicators.importers import dtm, ircc, study_permits, undesa, unhcr, wdi
from passerelle.indicators.importers.base import ImportFailed, Parsed
from passerelle.indicators.importers.writer import write
from passerelle.indicators.models import ImportRun

READERS: dict[str, Callable[..., Parsed]] = {
    "unhcr-population": unhcr.read,
    "undesa-stock": undesa.read,
    "wdi": wdi.read,
    "ircc-processing-times": ircc.read_processing_times,
    "ircc-study-permits": study_permits.read,
    "dtm": dtm.read,
}
KINDS = tuple(READERS)

__all__ = ["KINDS", "ImportFailed", "checksum", "run_import"]


def checksum(path: Path) -> str:
    """The file's SHA-256."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def run_import(
    kind: str,
    path: Path,
    *,
    user: User | None,
    retrieved: datetime.date | None = None,
    release: str = "",
    metadata: Path | None = None,
    file_name: str = "",
    progress: Callable[[int], Callable[[int], Any]] | None = None,
) -> ImportRun:
    """Read `path` as `kind` and write it (all or nothing); the run says what happened.

    `progress(total)`, if given, returns a function called with the number of records written
    after each batch (the command's progress bar). Raises ImportFailed when the file is not of
    that kind at all."""
    if kind not in READERS:
        raise ImportFailed(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    options: dict[str, Any] = {"edition": release}
    if kind == "wdi":
        options["metadata"] = metadata
    parsed = _read(kind, _within_limits(path, metadata), options)
    _reject_repeats(parsed, path.name)
    try:
        uploads.check_values(len(parsed.values) + len(parsed.corridors))
    except uploads.LimitExceeded as exceeded:
        raise ImportFailed(f"{path.name}: {exceeded}") from None
    advance = progress(len(parsed.values) + len(parsed.corridors)) if progress else None
    return write(
        parsed,
        kind=kind,
        file_name=file_name or path.name,
        checksum=checksum(path),
        retrieved=retrieved or datetime.date.today(),
        user=user,
        progress=advance,
    )


def _read(kind: str, path: Path, options: dict[str, Any]) -> Parsed:
    """The reader's result; a file it cannot read (not UTF-8, cut short, not the layout at all)
    is an ImportFailed naming the file and what is wrong, never a traceback, and so is a file
    in which nothing at all was found (nothing would be imported, yet a source recorded)."""
    name = path.name
    try:
        parsed = READERS[kind](path, **options)
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"{name}: not UTF-8 text (byte {error.start + 1} cannot be read as UTF-8; a file "
            f"saved as Latin-1 or UTF-16?): save it as UTF-8 and import it again"
        ) from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{name}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); is the file complete?"
        ) from None
    except (zipfile.BadZipFile, EOFError) as error:
        raise ImportFailed(f"{name}: not a complete workbook ({error})") from None
    except csv.Error as error:
        raise ImportFailed(f"{name}: not a readable CSV file ({error})") from None
    except (KeyError, IndexError, TypeError, AttributeError, ValueError) as error:
        raise ImportFailed(
            f"{name}: not the layout of a {kind} file ({type(error).__name__}: {error})"
        ) from None
    if not (parsed.values or parsed.corridors or parsed.errors or parsed.skipped):
        raise ImportFailed(
            f"{name}: no figure of a {kind} file was found in it; nothing was imported"
        )
    return parsed


def _within_limits(path: Path, metadata: Path | None) -> Path:
    """`path`, once it and the metadata file are within the size limit and, for a workbook,
    within the unpacked size limit: checked before any reader parses them."""
    try:
        for checked in (path, metadata):
            if checked is not None and checked.is_file():
                uploads.check_size(checked.stat().st_size)
        if path.suffix.lower() in (".xlsx", ".xlsm") or zipfile.is_zipfile(path):
            uploads.check_workbook(path)
    except uploads.LimitExceeded as exceeded:
        raise ImportFailed(f"{path.name}: {exceeded}") from None
    except (zipfile.BadZipFile, EOFError) as error:
        raise ImportFailed(f"{path.name}: not a complete workbook ({error})") from None
    return path


def _reject_repeats(parsed: Parsed, name: str) -> None:
    """Two values for the same figure in one file: rejected, never one silently kept."""
    seen: set[tuple[str, str, str, str]] = set()
    for value in parsed.values:
        if value.key in seen:
            parsed.reject(
                file=name,
                row=0,
                column=value.period,
                reason=f"{value.indicator} for {value.geography} {value.breakdown} given twice",
            )
        seen.add(value.key)
