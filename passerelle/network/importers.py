"""CSV import of offices, biometric collection points and staffing snapshots: the network's row
parsers and columns over the kernel's import framework (core/importing), which validates every
row before writing, writes all or nothing in one transaction under `change_context(actor=
"import:network")`, and creates each record or brings it up to date. The reference loader
(reference.py) reads its files with the same row parsers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

from django.db import models

from passerelle.core.importing.cells import RowReader
from passerelle.core.importing.importer import FileKind, Importer, ParsedRow
from passerelle.core.importing.report import ImportReport
from passerelle.core.models import Source, User
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


def cited(row: RowReader, known: Known) -> list[dict[str, Any]]:
    """The row's citation, as a list (empty without a source)."""
    citation = row.citation(known.sources)
    return [citation] if citation else []


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
    citations = [citation] if citation else []
    citations += row.field_citation("note", citation)
    return ParsedRow(row.line, {"code": row.slug("code")}, values, citations=citations)


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
    return ParsedRow(row.line, {"code": row.slug("code")}, values, citations=cited(row, known))


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
    return ParsedRow(row.line, lookup, values, citations=cited(row, known))


FILE_KINDS: dict[str, FileKind] = {
    "offices": FileKind(
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
        key_columns="code",
        common=COMMON_COLUMNS,
    ),
    "points": FileKind(
        BiometricCollectionPoint,
        parse_point,
        ("code", "name_en", "name_fr", "city_en", "city_fr", "country", "latitude", "longitude"),
        ("operator", "services", "status", "opened", "closed"),
        key_columns="code",
        common=COMMON_COLUMNS,
    ),
    "staffing": FileKind(
        StaffingSnapshot,
        parse_staffing,
        ("office", "as_of", "canada_based", "locally_engaged"),
        ("report_en", "report_fr"),
        key_columns="office,as_of",
        common=COMMON_COLUMNS,
    ),
}


class NetworkImporter(Importer[Known]):
    """Offices, points and staffing: rows name offices and area offices by their codes."""

    actor = "import:network"
    kinds = FILE_KINDS

    def known(self, user: User) -> Known:
        return Known.from_database(user=user)

    def resolve(self, parsed: ParsedRow) -> ParsedRow:
        """Codes of offices and area offices replaced by their records."""

        def record(name: str, value: Any) -> Any:
            if name == "office" and isinstance(value, str):
                return Office._base_manager.get(code=value)
            if name == "area_office" and isinstance(value, str):
                return AreaOffice._base_manager.get(slug=value)
            return value

        return replace(
            parsed,
            key={k: record(k, v) for k, v in parsed.key.items()},
            values={k: record(k, v) for k, v in parsed.values.items()},
        )


NETWORK = NetworkImporter()


def import_csv(
    kind: str, file: IO[bytes] | IO[str], *, user: User, dry_run: bool = False
) -> ImportReport:
    """Import a CSV file of `kind` ("offices", "points" or "staffing"), all or nothing.

    Raises PermissionDenied unless `user` may add and change records of that kind."""
    return NETWORK.run(kind, file, user=user, dry_run=dry_run)
