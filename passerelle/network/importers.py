"""CSV import of offices, biometric collection points and staffing snapshots.

Every row is validated before anything is written; a file with any rejected row writes nothing,
and the report lists every rejected row with its line, column and reason. A valid file is written
in one transaction, each record created or brought up to date (saved only where a value differs),
under `change_context(actor="import:network")`. The reference loader (reference.py) reads its
files with the same row parsers.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from passerelle.core.changelog import change_context
from passerelle.core.classification import Classification
from passerelle.core.csv import unguard
from passerelle.core.models import Citation, Source, User
from passerelle.core.reader import as_system, reading_as_user
from passerelle.core.uploads import LimitExceeded, check_rows, read_limited
from passerelle.geo.models import Country
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Office,
    StaffingSnapshot,
)

KINDS = ("offices", "points", "staffing")
CITATION_COLUMNS = ("source", "locator_en", "locator_fr")
COMMON_COLUMNS = ("classification", "illustrative", *CITATION_COLUMNS)


@dataclass(frozen=True)
class RowError:
    """One rejected value: the file's line (the header is line 1), the column and why."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.row}, {self.column or 'row'}: {self.reason}"


@dataclass
class ParsedRow:
    """A valid row: how to find its record, the values to give it, and what it cites.

    Foreign keys are held as codes (`country` excepted) and resolved when written, so a file
    may refer to records created earlier in the same load."""

    line: int
    lookup: dict[str, Any]
    values: dict[str, Any]
    citation: dict[str, Any] | None = None
    # Citations of one field (an office's note cites the binder's annex itself).
    field_citations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did, or every reason it did nothing."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


class RowReader:
    """Reads and checks the cells of one CSV row, collecting an error per bad cell."""

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
        value = self.raw(column) or (default or "")
        allowed = list(choices)
        if value not in allowed:
            self.error(column, f"{value!r} is not one of {', '.join(allowed)}")
        return value

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
        value = self.raw(column).lower()
        if not value:
            return default
        if value in ("true", "yes", "1"):
            return True
        if value in ("false", "no", "0"):
            return False
        self.error(column, f"{value!r} is not true or false")
        return default

    def classification(self, column: str = "classification") -> int:
        value = self.raw(column).lower().replace(" ", "_")
        names = {level.name.lower(): int(level) for level in Classification}
        if not value:
            return int(Classification.UNCLASSIFIED)
        if value in names:
            return names[value]
        self.error(column, f"{value!r} is not one of {', '.join(names)}")
        return int(Classification.UNCLASSIFIED)

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

    def period(self, start: str, end: str) -> tuple[datetime.date | None, datetime.date | None]:
        begins, ends = self.date(start), self.date(end)
        if begins and ends and ends < begins:
            self.error(end, f"{ends} is before {start} {begins}")
        return begins, ends

    def citation(self, sources: Mapping[str, Source]) -> dict[str, Any] | None:
        source = self.known("source", sources, "source")
        if source is None:
            return None
        return {
            "source": source,
            "locator_en": self.text("locator_en", required=False),
            "locator_fr": self.text("locator_fr", required=False),
        }

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

    def field_citation(self, name: str, citation: dict[str, Any] | None) -> list[dict[str, Any]]:
        """The citation of field `name` (its own locator columns, else the row's)."""
        if citation is None or not self.raw(f"{name}_en"):
            return []
        locators = {
            "locator_en": self.raw(f"{name}_locator_en") or citation["locator_en"],
            "locator_fr": self.raw(f"{name}_locator_fr") or citation["locator_fr"],
        }
        return [{**citation, **locators, "field": name}]

    def provenance(self) -> dict[str, Any]:
        return {
            "classification": self.classification(),
            "illustrative": self.boolean("illustrative"),
        }


@dataclass
class Known:
    """What a row may refer to: countries by ISO code, area office slugs, office codes, sources."""

    countries: Mapping[str, Country]
    area_offices: set[str]
    offices: set[str]
    sources: Mapping[str, Source]

    @classmethod
    def from_database(cls, *, user: User | None = None) -> Known:
        """Every country; the area offices, offices and sources `user` may see (all without one)."""
        countries: dict[str, Country] = {}
        for country in Country._base_manager.all():
            countries[country.iso_alpha3] = countries[country.iso_alpha2] = country

        def visible(model: type[models.Model]) -> models.QuerySet[Any]:
            manager = model._base_manager
            return manager.all() if user is None else model.objects.restrict(user, "view")  # type: ignore[attr-defined]

        return cls(
            countries=countries,
            area_offices=set(visible(AreaOffice).values_list("slug", flat=True)),
            offices=set(visible(Office).values_list("code", flat=True)),
            sources={s.key: s for s in visible(Source)},
        )


def parse_office(row: RowReader, known: Known) -> ParsedRow:
    latitude = row.number("latitude", low=-90, high=90)
    longitude = row.number("longitude", low=-180, high=180)
    opened, closed = row.period("opened", "closed")
    values = {
        "name_en": row.text("name_en"),
        "name_fr": row.text("name_fr"),
        "kind": row.choice("kind", Office.Kind.values),
        "city_en": row.text("city_en", max_length=100),
        "city_fr": row.text("city_fr", max_length=100),
        "country": row.known("country", known.countries, "country"),
        "area_office": row.known("area_office", known.area_offices, "area office"),
        "latitude": latitude,
        "longitude": longitude,
        "opened": opened,
        "closed": closed,
        **row.bilingual("note", max_length=2000),
        **row.provenance(),
    }
    if not row.raw("country"):
        row.error("country", "a country code is required")
    citation = row.citation(known.sources)
    return ParsedRow(
        row.line,
        {"code": row.slug("code")},
        values,
        citation,
        row.field_citation("note", citation),
    )


def parse_point(row: RowReader, known: Known) -> ParsedRow:
    services = [s.strip() for s in row.raw("services").split(";") if s.strip()]
    for service in services:
        if service not in BiometricCollectionPoint.Service.values:
            choices = ", ".join(BiometricCollectionPoint.Service.values)
            row.error("services", f"{service!r} is not one of {choices}")
    opened, closed = row.period("opened", "closed")
    values = {
        "name_en": row.text("name_en"),
        "name_fr": row.text("name_fr"),
        "operator": row.text("operator", required=False, max_length=150),
        "city_en": row.text("city_en", max_length=100),
        "city_fr": row.text("city_fr", max_length=100),
        "country": row.known("country", known.countries, "country"),
        "latitude": row.number("latitude", low=-90, high=90),
        "longitude": row.number("longitude", low=-180, high=180),
        "services": services,
        "status": row.choice("status", BiometricCollectionPoint.Status.values, default="open"),
        "opened": opened,
        "closed": closed,
        **row.provenance(),
    }
    if not row.raw("country"):
        row.error("country", "a country code is required")
    return ParsedRow(row.line, {"code": row.slug("code")}, values, row.citation(known.sources))


def parse_staffing(row: RowReader, known: Known) -> ParsedRow:
    office = row.known("office", known.offices, "office")
    if not row.raw("office"):
        row.error("office", "an office code is required")
    lookup = {"office": office, "as_of": row.date("as_of", required=True)}
    values = {
        "canada_based": row.count("canada_based"),
        "locally_engaged": row.count("locally_engaged"),
        **row.bilingual("report", max_length=150),
        **row.provenance(),
    }
    return ParsedRow(row.line, lookup, values, row.citation(known.sources))


Parser = Callable[[RowReader, Known], ParsedRow]


@dataclass(frozen=True)
class Kind:
    """One kind of file: its model, its parser and its columns."""

    model: type[models.Model]
    parse: Parser
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional + COMMON_COLUMNS


FILE_KINDS: dict[str, Kind] = {
    "offices": Kind(
        Office,
        parse_office,
        (
            "code",
            "name_en",
            "name_fr",
            "kind",
            "city_en",
            "city_fr",
            "country",
            "latitude",
            "longitude",
        ),
        (
            "area_office",
            "opened",
            "closed",
            "note_en",
            "note_fr",
            "note_locator_en",
            "note_locator_fr",
        ),
    ),
    "points": Kind(
        BiometricCollectionPoint,
        parse_point,
        ("code", "name_en", "name_fr", "city_en", "city_fr", "country", "latitude", "longitude"),
        ("operator", "services", "status", "opened", "closed"),
    ),
    "staffing": Kind(
        StaffingSnapshot,
        parse_staffing,
        ("office", "as_of", "canada_based", "locally_engaged"),
        ("report_en", "report_fr"),
    ),
}


def read_rows(
    text: str, *, required: Iterable[str], allowed: Iterable[str], max_rows: int | None = None
) -> tuple[list[RowReader], list[RowError]]:
    """The rows of a CSV text, after checking its header (line 1). Past `max_rows` rows, none:
    the rest is only counted, for the error that says how many there are."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    errors = [RowError(1, name, "missing column") for name in required if name not in header]
    errors += [RowError(1, name, "unknown column") for name in header if name not in allowed]
    if errors:
        return [], errors
    rows: list[RowReader] = []
    for data in reader:
        if not any((value or "").strip() for value in data.values() if isinstance(value, str)):
            continue
        if max_rows is not None and len(rows) == max_rows:
            try:
                check_rows(len(rows) + 1 + sum(1 for _row in reader), limit=max_rows)
            except LimitExceeded as exceeded:
                return [], [RowError(1, "", str(exceeded))]
        row = RowReader(reader.line_num, data)
        if None in data:
            row.error("", "more cells than columns")
        rows.append(row)
    return rows, []


def parse_rows(
    rows: Iterable[RowReader], parse: Parser, known: Known, *, key_columns: str
) -> tuple[list[ParsedRow], list[RowError]]:
    """Every row parsed; a row naming the same record as an earlier one is rejected."""
    parsed, errors = [], []
    first_line: dict[tuple[Any, ...], int] = {}
    for row in rows:
        result = parse(row, known)
        key = tuple(_code(v) for v in result.lookup.values())
        if all(key) and key in first_line:
            row.error(key_columns, f"duplicate of line {first_line[key]}")
        first_line.setdefault(key, row.line)
        errors.extend(row.errors)
        if not row.errors:
            parsed.append(result)
    return parsed, errors


def _code(value: Any) -> Any:
    return getattr(value, "pk", value)


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> str:
    """Create the record, or bring it up to `values` saving only if something differs; returns
    "created", "updated" or "unchanged"."""
    instance = model._default_manager.filter(**lookup).first()  # what the importer may see
    if instance is None:
        model(**lookup, **values).save()
        return "created"
    differing = {k: v for k, v in values.items() if getattr(instance, k) != v}
    if not differing:
        return "unchanged"
    for name, value in differing.items():
        setattr(instance, name, value)
    instance.save()
    return "updated"


def set_citation(instance: models.Model, citation: dict[str, Any] | None) -> None:
    """Add or update the record's citation of a source (other citations are left alone)."""
    if citation is None:
        return
    lookup = {
        "content_type": ContentType.objects.get_for_model(instance),
        "object_id": instance.pk,
        "source": citation["source"],
        "field": citation.get("field", ""),
    }
    values = {k: citation[k] for k in ("locator_en", "locator_fr")}
    upsert(Citation, lookup, values)


def resolve(parsed: ParsedRow) -> ParsedRow:
    """Codes of offices and area offices replaced by their records."""

    def record(name: str, value: Any) -> Any:
        if name == "office" and isinstance(value, str):
            return Office._base_manager.get(code=value)
        if name == "area_office" and isinstance(value, str):
            return AreaOffice._base_manager.get(slug=value)
        return value

    return ParsedRow(
        parsed.line,
        {k: record(k, v) for k, v in parsed.lookup.items()},
        {k: record(k, v) for k, v in parsed.values.items()},
        parsed.citation,
        parsed.field_citations,
    )


def write_rows(model: type[models.Model], rows: Iterable[ParsedRow]) -> Iterator[str]:
    """Write each row (resolved), yielding its outcome."""
    for parsed in map(resolve, rows):
        outcome = upsert(model, parsed.lookup, parsed.values)
        instance = model._base_manager.get(**parsed.lookup)
        for citation in [parsed.citation, *parsed.field_citations]:
            set_citation(instance, citation)
        yield outcome


def _check_rights(kind: Kind, parsed: list[ParsedRow], user: User) -> list[RowError]:
    """A row may not classify above the importer's clearance, and its key may not be one in
    use by a record the importer may not see: that record is not found (the row would create
    one), and its key cannot be taken twice (core/deletion.py says why that one fact is told)."""
    errors = []
    visible = kind.model.objects.restrict(user, "view")  # type: ignore[attr-defined]
    for row in map(resolve, parsed):
        if row.values["classification"] > user.clearance:
            label = Classification(user.clearance).label
            reason = f"above your clearance ({label})"
            errors.append(RowError(row.line, "classification", reason))
        with as_system():
            taken = kind.model._base_manager.filter(**row.lookup).exists()
        if taken and not visible.filter(**row.lookup).exists():
            errors.append(RowError(row.line, ",".join(row.lookup), "already in use"))
    return errors


def import_csv(kind: str, file: IO[bytes] | IO[str], *, user: User) -> ImportReport:
    """Import a CSV file of `kind` ("offices", "points" or "staffing"), all or nothing.

    Raises PermissionDenied unless `user` may add and change records of that kind."""
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    spec = FILE_KINDS[kind]
    meta = spec.model._meta
    for action in ("add", "change"):
        if not user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
            raise PermissionDenied(f"You may not {action} {meta.verbose_name_plural}.")
    report = ImportReport(kind=kind)
    try:
        content = read_limited(file)
    except LimitExceeded as exceeded:
        report.errors.append(RowError(1, "", str(exceeded)))
        return report
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append(RowError(1, "", "the file is not UTF-8 text"))
            return report
    rows, report.errors = read_rows(
        content, required=spec.required, allowed=spec.columns, max_rows=settings.IMPORT_MAX_ROWS
    )
    report.rows = len(rows)
    key_columns = ",".join(("office", "as_of") if kind == "staffing" else ("code",))
    parsed, errors = parse_rows(
        rows, spec.parse, Known.from_database(user=user), key_columns=key_columns
    )
    report.errors += errors
    if report.errors:
        return report
    report.errors = _check_rights(spec, parsed, user)
    if report.errors:
        return report
    with (
        transaction.atomic(),
        change_context(actor="import:network", user=user),
        reading_as_user(user),
    ):
        for outcome in write_rows(spec.model, parsed):
            report.count(outcome)
    return report
