"""UNHCR Refugee Population Statistics: the population API's JSON, the same table as CSV (the
API's layout), and the older HDX end-year CSV.

Every origin → asylum row is kept as a `Corridor`, with UNHCR's own codes beside ISO. From the
rows, for each measure, the importer derives the totals by country of asylum
(`unhcr.<measure>.asylum`), by country of origin (`unhcr.<measure>.origin`) and for the world
(`WLD`, the sum of every row of the file: an excerpt gives the excerpt’s total, and its notes
say how many rows and countries of asylum it sums). An empty cell is "not reported", not zero. A
country's total that is zero is not stored as an observation (most measures are zero for most
countries); the corridors keep every zero and the run counts them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from passerelle.geo.reference import unhcr_codes
from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
    parse_count,
    refuse_unknown_columns,
    year_end,
)
from passerelle.indicators.importers.geography import WORLD, Geography, unhcr_geography
from passerelle.indicators.models import GeographyKind, Status, Unit

MEASURES: dict[str, tuple[str, str]] = {
    "refugees": ("Refugees under UNHCR’s mandate", "Réfugiés relevant du mandat du HCR"),
    "asylum_seekers": ("Asylum-seekers", "Demandeurs d’asile"),
    "returned_refugees": ("Returned refugees", "Réfugiés rapatriés"),
    "idps": ("Internally displaced persons", "Personnes déplacées à l’intérieur de leur pays"),
    "returned_idps": ("Returned internally displaced persons", "Personnes déplacées rapatriées"),
    "stateless": ("Stateless persons", "Apatrides"),
    "ooc": ("Others of concern to UNHCR", "Autres personnes relevant de la compétence du HCR"),
    "oip": (
        "Other people in need of international protection",
        "Autres personnes ayant besoin d’une protection internationale",
    ),
    "hst": ("Host community", "Communauté d’accueil"),
}
API_COLUMNS = ["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso", *MEASURES]
HDX_COLUMNS = {"REF": "refugees", "IDP": "idps", "ASY": "asylum_seekers", "OOC": "ooc"}
HDX_COLUMNS |= {"STA": "stateless", "OIP": "oip"}
SIDES = {
    "asylum": ("by country of asylum", "par pays d’asile"),
    "origin": ("by country of origin", "par pays d’origine"),
}
EMPTY = ("", "-", None)


def indicator_specs() -> list[IndicatorSpec]:
    """The two indicators of each measure (by asylum, by origin)."""
    specs = []
    for measure, (name_en, name_fr) in MEASURES.items():
        for side, (side_en, side_fr) in SIDES.items():
            specs.append(
                IndicatorSpec(
                    code=f"unhcr.{measure}.{side}",
                    name_en=f"{name_en}, {side_en}",
                    name_fr=f"{name_fr}, {side_fr}",
                    unit=Unit.PERSONS,
                    publisher="UNHCR",
                    definition_en=(
                        f"UNHCR’s end-year figure ({measure}), summed over the file’s origin → "
                        f"asylum rows {side_en}. Refugees counts refugees under UNHCR’s mandate "
                        "only; Palestine refugees under UNRWA’s mandate are not included."
                    ),
                    definition_fr=(
                        f"Chiffre de fin d’année du HCR ({measure}), additionné sur les lignes "
                        f"origine → asile du fichier {side_fr}. Les réfugiés sont ceux qui "
                        "relèvent du mandat du HCR; les réfugiés de Palestine relevant de "
                        "l’UNRWA n’y sont pas compris."
                    ),
                )
            )
    return specs


def read(path: Path, *, edition: str = "") -> Parsed:
    """Read any of the three layouts (told apart by their content)."""
    raw = path.read_bytes().decode("utf-8-sig")
    if raw.lstrip().startswith(("{", "[")):
        records = _json_records(raw, path.name)
    else:
        records = _csv_records(raw, path.name)
    parsed = Parsed(release=Release("", "", "", "", "", ""))
    for spec in indicator_specs():
        parsed.add(spec)
    _collect(parsed, records, path.name)
    years = sorted({row["year"] for row in parsed.corridors})
    parsed.release = Release(
        key="unhcr-population",
        publisher_en="UNHCR, the UN Refugee Agency",
        publisher_fr="HCR, l’Agence des Nations Unies pour les réfugiés",
        title_en="Refugee Population Statistics Database",
        title_fr="Base de données statistiques sur les populations de réfugiés",
        edition=edition or (f"data to end-{years[-1]}" if years else "empty"),
        identifier=path.name,
    )
    return parsed


# A record as every layout is read into: (line, year, coo_name, coo, coo_iso, coa_name, coa,
# coa_iso, one cell per measure in MEASURES order, None where the layout has no such column).
Record = tuple[Any, ...]


def _json_records(raw: str, name: str) -> list[Record]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{name}: not valid JSON ({error})") from None
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportFailed(f"{name}: no 'items' list, as the population API answers")
    return [
        (n, *(item.get(c) for c in API_COLUMNS))
        for n, item in enumerate(items, start=1)
        if isinstance(item, dict)
    ]


def _csv_records(raw: str, name: str) -> list[Record]:
    reader = csv.reader(io.StringIO(raw, newline=""))
    header = next(reader, [])
    if set(API_COLUMNS) <= set(header):
        refuse_unknown_columns(name, header, API_COLUMNS)
        order = [header.index(c) for c in API_COLUMNS]
        return [(n, *(row[i] for i in order)) for n, row in enumerate(reader, start=2) if row]
    if {"Year", "ISO3CoO", "ISO3CoA"} <= set(header):
        refuse_unknown_columns(name, header, ["Year", "ISO3CoO", "ISO3CoA", *HDX_COLUMNS])
        where = {measure: header.index(column) for column, measure in HDX_COLUMNS.items()}
        year, coo, coa = (header.index(c) for c in ("Year", "ISO3CoO", "ISO3CoA"))
        return [
            (
                n,
                row[year],
                "",
                "",
                row[coo],
                "",
                "",
                row[coa],
                *(row[where[m]] if m in where else None for m in MEASURES),
            )
            for n, row in enumerate(reader, start=2)
            if row
        ]
    raise ImportFailed(
        f"{name}: the header is neither the population API's ({', '.join(API_COLUMNS)}) nor "
        "the HDX layout (Year, ISO3CoO, ISO3CoA, REF, IDP, ASY, OOC, STA, OIP)"
    )


def _count(cell: Any) -> int:
    if type(cell) is int:
        return cell
    try:
        return int(cell)
    except ValueError:
        return parse_count(str(cell))


def _collect(parsed: Parsed, records: list[Record], name: str) -> None:
    """Keep every row as a corridor and add its figures up by asylum, origin and world.

    Written for speed (a full table is about 139,000 rows): plain tuples, lists and dicts."""
    iso_for_unhcr = {code: iso for iso, code in unhcr_codes().items()}
    places: dict[tuple[Any, Any, Any], Geography] = {}
    measures = list(MEASURES)
    # (side, code, year) -> one total per measure (None: no value); side 0 asylum, 1 origin,
    # 2 world.
    sums: dict[tuple[int, str, int], list[Any]] = {}
    named: dict[str, Geography] = {}
    seen: set[tuple[Any, ...]] = set()
    empty = [0] * len(measures)
    rows_by_year: dict[int, int] = defaultdict(int)
    asylum_by_year: dict[int, set[str]] = defaultdict(set)
    for line, year_text, coo_name, coo, coo_iso, coa_name, coa, coa_iso, *cells in records:
        parsed.rows_read += 1
        try:
            year = int(year_text)
        except (TypeError, ValueError):
            parsed.reject(file=name, row=line, column="year", reason="not a year")
            continue
        origin = places.get((coo_iso, coo, coo_name))
        if origin is None:
            origin = places[(coo_iso, coo, coo_name)] = _place(
                coo_iso, coo, coo_name, iso_for_unhcr
            )
        asylum = places.get((coa_iso, coa, coa_name))
        if asylum is None:
            asylum = places[(coa_iso, coa, coa_name)] = _place(
                coa_iso, coa, coa_name, iso_for_unhcr
            )
        key = (year, origin.code, coo, asylum.code, coa)
        if key in seen:
            parsed.reject(file=name, row=line, column="coo, coa", reason="repeats an earlier row")
            continue
        seen.add(key)
        values: list[Any] = [None] * len(measures)
        for index, cell in enumerate(cells):
            if cell in EMPTY:
                empty[index] += 1
                continue
            try:
                values[index] = _count(cell)
            except ValueError as error:
                parsed.reject(file=name, row=line, column=measures[index], reason=str(error))
        named[origin.code], named[asylum.code] = origin, asylum
        rows_by_year[year] += 1
        asylum_by_year[year].add(asylum.code)
        parsed.corridors.append(
            {
                "year": year,
                "origin": origin.code,
                "origin_unhcr": str(coo or "")[:3],
                "origin_name": str(coo_name or origin.name)[:120],
                "asylum": asylum.code,
                "asylum_unhcr": str(coa or "")[:3],
                "asylum_name": str(coa_name or asylum.name)[:120],
                **dict(zip(measures, values, strict=True)),
            }
        )
        for total_key in ((0, asylum.code, year), (1, origin.code, year), (2, WORLD, year)):
            total = sums.get(total_key)
            if total is None:
                sums[total_key] = list(values)
                continue
            for index, value in enumerate(values):
                if value is not None:
                    total[index] = value if total[index] is None else total[index] + value
    for index, count in enumerate(empty):
        if count:
            parsed.skipped[f"empty {measures[index]} cell (not reported; not zero)"] = count
    parsed.kept_codes.update(
        {code: place.name for code, place in named.items() if place.kind == GeographyKind.OTHER}
    )
    _totals(parsed, sums, named, rows_by_year, asylum_by_year)


def _place(iso: Any, unhcr: Any, name: Any, iso_for_unhcr: dict[str, str]) -> Geography:
    unhcr = str(unhcr or "").strip().upper()
    iso = str(iso or "").strip().upper() or iso_for_unhcr.get(unhcr, "")
    return unhcr_geography(iso, unhcr, str(name or ""))


def _totals(
    parsed: Parsed,
    sums: dict[tuple[int, str, int], list[Any]],
    named: dict[str, Geography],
    rows_by_year: dict[int, int],
    asylum_by_year: dict[int, set[str]],
) -> None:
    measures = list(MEASURES)
    world = Geography(WORLD, GeographyKind.WORLD, "World")
    zeros = 0
    for (side, code, year), totals in sums.items():
        place, notes, sides = named.get(code, world), "", [("asylum", "origin")[side % 2]]
        if side == 2:
            place, sides = world, ["asylum", "origin"]
            notes = (
                f"Sum of the {rows_by_year[year]} origin → asylum rows of the file for {year} "
                f"({len(asylum_by_year[year])} countries of asylum)."
            )
        for index, total in enumerate(totals):
            if total is None:
                continue
            if total == 0 and side != 2:
                # Most measures are zero for most countries; the rows keep every zero.
                zeros += 1
                continue
            for name in sides:
                parsed.values.append(
                    Value(
                        indicator=f"unhcr.{measures[index]}.{name}",
                        geography=place.code,
                        kind=place.kind,
                        name=place.name,
                        period=str(year),
                        period_end=year_end(year),
                        value=float(total),
                        status=Status.REPORTED,
                        notes=notes,
                    )
                )
    if zeros:
        parsed.skipped["country total equal to zero, not stored (the rows keep it)"] = zeros
