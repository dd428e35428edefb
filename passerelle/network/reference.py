"""The network's reference data: data/reference/network/*.csv (format in docs/network.md).

`load_network` is registered with the kernel's loader (`passerelle load-reference`), which runs
it inside its own transaction: a problem anywhere raises ReferenceDataError before anything of
the network is written, and a second load of the same files writes nothing.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from pathlib import Path

from passerelle.core.importing.cells import RowReader
from passerelle.core.importing.files import read_rows
from passerelle.core.importing.importer import ParsedRow, parse_rows
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.network.importers import COMMON_COLUMNS, FILE_KINDS, NETWORK, Known, cited
from passerelle.network.models import AreaOffice, Jurisdiction, Office

FILES = ("offices.csv", "area-offices.csv", "staffing.csv", "points.csv", "jurisdictions.csv")


def parse_area_office(row: RowReader, known: Known) -> ParsedRow:
    order = row.count("order")
    values = {
        "name_en": row.text("name_en", max_length=150),
        "name_fr": row.text("name_fr", max_length=150),
        "office": row.known("office", known.offices, "office"),
        "order": order or 0,
        **row.provenance(),
    }
    if not row.raw("office"):
        row.error("office", "the hosting office's code is required")
    return ParsedRow(row.line, {"slug": row.slug("slug")}, values, citations=cited(row, known))


def parse_jurisdiction(row: RowReader, known: Known) -> ParsedRow:
    valid_from, valid_to = row.period("valid_from", "valid_to")
    lookup = {
        "country": row.known("country", known.countries, "country"),
        "office": row.known("office", known.offices, "office"),
        "valid_from": valid_from,
    }
    for column in ("country", "office"):
        if not row.raw(column):
            row.error(column, "a value is required")
    values = {"valid_to": valid_to, **row.provenance()}
    return ParsedRow(row.line, lookup, values, citations=cited(row, known))


REFERENCE_KINDS = {
    "offices.csv": (FILE_KINDS["offices"].parse, FILE_KINDS["offices"].columns, "code"),
    "area-offices.csv": (
        parse_area_office,
        ("slug", "order", "name_en", "name_fr", "office", *COMMON_COLUMNS),
        "slug",
    ),
    "staffing.csv": (FILE_KINDS["staffing"].parse, FILE_KINDS["staffing"].columns, "office,as_of"),
    "points.csv": (FILE_KINDS["points"].parse, FILE_KINDS["points"].columns, "code"),
    "jurisdictions.csv": (
        parse_jurisdiction,
        ("country", "office", "valid_from", "valid_to", *COMMON_COLUMNS),
        "country,office,valid_from",
    ),
}
_OPTIONAL = {"area_office", "opened", "closed", "operator", "services", "status", "valid_from"}
_OPTIONAL |= {*FILE_KINDS["offices"].optional, *FILE_KINDS["staffing"].optional}
_OPTIONAL |= {"valid_to", *COMMON_COLUMNS}


def _read(directory: Path, known: Known) -> tuple[dict[str, list[ParsedRow]], list[Problem]]:
    parsed: dict[str, list[ParsedRow]] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = directory / name
        if not path.is_file():
            problems.append(Problem(path, 1, "missing file"))
            continue
        parse, columns, key = REFERENCE_KINDS[name]
        required = [c for c in columns if c not in _OPTIONAL]
        rows, errors = read_rows(
            path.read_text(encoding="utf-8-sig"), required=required, allowed=columns
        )
        parsed[name], row_errors = parse_rows(rows, parse, known, key_columns=key)
        problems += [
            Problem(path, error.row, error.reason, error.column) for error in errors + row_errors
        ]
    return parsed, problems


def _known(directory: Path) -> Known:
    known = Known.from_database()
    known.offices |= _all_codes(directory / "offices.csv", "code")
    known.area_offices |= _all_codes(directory / "area-offices.csv", "slug")
    return known


def _all_codes(path: Path, column: str) -> set[str]:
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(row.get(column) or "").strip() for row in csv.DictReader(handle)} - {""}


def load_network(directory: Path) -> dict[str, int]:
    """Load area offices, offices, staffing snapshots, biometric collection points and
    jurisdictions from the CSV files in `directory`; returns counts such as
    {"office created": 64, "office unchanged": 0, …}.

    Raises ReferenceDataError listing every problem as file:line: reason. Records are matched by
    their codes (staffing by office and date, jurisdictions by country, office and start) and
    saved only where a value differs; records no longer in the files are left in place."""
    parsed, problems = _read(directory, _known(directory))
    if problems:
        raise ReferenceDataError(problems)
    counts: Counter[str] = Counter()

    def write(label: str, model: type, rows: list[ParsedRow]) -> None:
        for outcome in NETWORK.write_rows(model, rows):
            counts[f"{label} {outcome}"] += 1

    existing_areas = set(AreaOffice._base_manager.values_list("slug", flat=True))
    offices = parsed["offices.csv"]
    deferred = [row for row in offices if row.values["area_office"] not in existing_areas]
    first_pass = [
        replace(row, values={**row.values, "area_office": None}) if row in deferred else row
        for row in offices
    ]
    write("office", Office, first_pass)
    write("area office", AreaOffice, parsed["area-offices.csv"])
    if deferred:
        for _outcome in NETWORK.write_rows(Office, deferred):
            pass
    write("staffing snapshot", FILE_KINDS["staffing"].model, parsed["staffing.csv"])
    write("biometric collection point", FILE_KINDS["points"].model, parsed["points.csv"])
    write("jurisdiction", Jurisdiction, parsed["jurisdictions.csv"])
    return dict(counts)
