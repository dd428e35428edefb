"""World Bank World Development Indicators: the bulk CSV of any indicator, and the API's JSON.

The bulk CSV (`API_<code>_DS2_en_csv_v2_<n>.csv`) has four preamble lines (with the last update
date), the header on line 5 and a trailing comma on every line; countries and aggregates (LMY,
WLD…) are mixed. The metadata file beside it (`Metadata_Country_<same name>`) tells them apart:
an aggregate has no region. The indicator metadata file, when present, gives the definition.
The API's JSON (`[{page…, lastupdated}, [{indicator, country, countryiso3code, date, value}…]]`)
has no metadata: a code that is not an ISO country is taken as an aggregate.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
    refuse_unknown_columns,
    year_end,
)
from passerelle.indicators.importers.geography import WORLD, Geography, iso_alpha3
from passerelle.indicators.models import GeographyKind, Status, Unit

FRENCH_NAMES = {"BX.TRF.PWKR.CD.DT": "Envois de fonds personnels, reçus ($ US courants)"}


def read(path: Path, *, edition: str = "", metadata: Path | None = None) -> Parsed:
    """Read the bulk CSV (with its metadata files) or the API's JSON."""
    raw = path.read_bytes().decode("utf-8-sig")
    if raw.lstrip().startswith("["):
        return _read_api(raw, path.name, edition)
    return _read_bulk(raw, path, edition, metadata)


def _release(updated: str, name: str, edition: str) -> Release:
    try:
        published: datetime.date | None = datetime.date.fromisoformat(updated[:10])
    except ValueError:
        published = None
    return Release(
        key="wdi",
        publisher_en="World Bank",
        publisher_fr="Banque mondiale",
        title_en="World Development Indicators",
        title_fr="Indicateurs du développement dans le monde",
        edition=edition or (f"last updated {updated[:10]}" if updated else "undated"),
        published=published,
        identifier=name,
    )


def _spec(code: str, name: str, definition: str = "") -> IndicatorSpec:
    unit = Unit.USD if "US$" in name else Unit.PERCENT if "(%" in name else Unit.NUMBER
    return IndicatorSpec(
        code=f"wdi.{code}",
        name_en=name,
        name_fr=FRENCH_NAMES.get(code, name),
        unit=unit,
        publisher="World Bank",
        definition_en=definition,
    )


def _metadata_regions(path: Path, metadata: Path | None) -> dict[str, str]:
    metadata = metadata or path.with_name(f"Metadata_Country_{path.name}")
    if not metadata.is_file():
        raise ImportFailed(
            f"{path.name}: the country metadata file {metadata.name} is missing; it tells "
            "countries from aggregates (give it with --metadata)"
        )
    text = metadata.read_bytes().decode("utf-8-sig")
    return {row["Country Code"]: row["Region"] for row in csv.DictReader(io.StringIO(text))}


def _definition(path: Path, code: str) -> str:
    metadata = path.with_name(f"Metadata_Indicator_{path.name}")
    if not metadata.is_file():
        return ""
    text = metadata.read_bytes().decode("utf-8-sig")
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("INDICATOR_CODE") == code:
            source = " ".join((row.get("SOURCE_ORGANIZATION") or "").split())
            return f"{row.get('SOURCE_NOTE', '')} Source: {source}".strip()
    return ""


BULK_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def _read_bulk(raw: str, path: Path, edition: str, metadata: Path | None) -> Parsed:
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    updated = next((r[1] for r in rows[:5] if r and r[0] == "Last Updated Date"), "")
    header_at = next((i for i, r in enumerate(rows[:10]) if r and r[0] == "Country Name"), None)
    if header_at is None:
        raise ImportFailed(f"{path.name}: no 'Country Name' header in the first lines (WDI bulk)")
    header = rows[header_at]
    years = [(i, int(c)) for i, c in enumerate(header) if c.isdigit()]
    # each line ends with a comma: the last column has no name
    known = [*BULK_COLUMNS, *(c for c in header if c.isdigit()), ""]
    refuse_unknown_columns(path.name, header, known)
    regions = _metadata_regions(path, metadata)
    parsed = Parsed(release=_release(updated, path.name, edition))
    for line, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(row):
            continue
        parsed.rows_read += 1
        name, code, indicator_name, indicator_code = row[:4]
        spec = parsed.indicators.get(f"wdi.{indicator_code}")
        if spec is None:
            parsed.add(_spec(indicator_code, indicator_name, _definition(path, indicator_code)))
        if code not in regions:
            # e.g. INX "Not classified": neither a country nor a described aggregate.
            parsed.kept_codes[code] = f"{name} (not in the metadata file)"
            place = Geography(code, GeographyKind.OTHER, name)
        else:
            place = _bulk_place(code, name, regions[code])
        for column, year in years:
            cell = row[column] if column < len(row) else ""
            _value(parsed, path.name, line, str(year), indicator_code, place, cell)
    return parsed


def _bulk_place(code: str, name: str, region: str) -> Geography:
    if code == WORLD:
        return Geography(WORLD, GeographyKind.WORLD, name)
    return Geography(code, GeographyKind.COUNTRY if region else GeographyKind.AGGREGATE, name)


def _value(
    parsed: Parsed, file: str, line: int, year: str, code: str, place: Geography, cell: Any
) -> None:
    if cell in ("", None):
        parsed.skipped["empty cell (no value published)"] += 1
        return
    try:
        value = float(cell)
    except (TypeError, ValueError):
        parsed.reject(file=file, row=line, column=year, reason=f"not a number: {cell!r}")
        return
    if place.kind == GeographyKind.COUNTRY and iso_alpha3(place.code) is None:
        parsed.kept_codes[place.code] = place.name
    parsed.values.append(
        Value(
            indicator=f"wdi.{code}",
            geography=place.code,
            kind=place.kind,
            name=place.name,
            period=year,
            period_end=year_end(int(year)),
            value=value,
            status=Status.REPORTED,
        )
    )


def _read_api(raw: str, name: str, edition: str) -> Parsed:
    try:
        meta, records = json.loads(raw)
    except (json.JSONDecodeError, ValueError) as error:
        raise ImportFailed(f"{name}: not the WDI API's [metadata, rows] JSON ({error})") from None
    parsed = Parsed(release=_release(str(meta.get("lastupdated", "")), name, edition))
    for number, record in enumerate(records or [], start=1):
        parsed.rows_read += 1
        indicator = record.get("indicator") or {}
        country = record.get("country") or {}
        code = (record.get("countryiso3code") or country.get("id") or "").upper()
        if not code or not str(record.get("date", "")).isdigit():
            parsed.reject(file=name, row=number, column="countryiso3code, date", reason="missing")
            continue
        parsed.add(_spec(indicator.get("id", ""), indicator.get("value", "")))
        if code == WORLD:
            kind = GeographyKind.WORLD
        else:
            kind = GeographyKind.COUNTRY if iso_alpha3(code) else GeographyKind.AGGREGATE
        place = Geography(code, kind, country.get("value", code))
        value = record.get("value")
        _value(parsed, name, number, str(record["date"]), indicator.get("id", ""), place, value)
    return parsed
