"""UN DESA International Migrant Stock 2020, by sex and destination (the 2020 workbook).

Table 1 (stock), Table 3 (stock as a percentage of the population) and Table 6 (refugees and
asylum-seekers), mid-year 1990–2020, both sexes, males and females (Table 6: both sexes). Rows are
countries (UN M49 codes, which are ISO numeric codes), the world (900 → `WLD`) and M49 aggregates
(`M49-947` for Sub-Saharan Africa…). The workbook's own marks are kept: `..` not available, `~`
suppressed for privacy (fewer than five), `—` less than half the unit (kept as 0 with a note).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
)
from passerelle.indicators.importers.geography import WORLD, Geography, m49_country
from passerelle.indicators.models import GeographyKind, Status, Unit

SHEETS = {
    "Table 1": IndicatorSpec(
        code="undesa.migrant_stock",
        name_en="International migrant stock at mid-year",
        name_fr="Effectif des migrants internationaux au milieu de l’année",
        unit=Unit.PERSONS,
        publisher="UN DESA",
        definition_en=(
            "People living in a country other than their country of birth (or, where that is "
            "not known, of citizenship), at 1 July, by country of destination; includes refugees "
            "and asylum-seekers."
        ),
        definition_fr=(
            "Personnes vivant dans un pays autre que leur pays de naissance (ou, à défaut, de "
            "citoyenneté), au 1er juillet, par pays de destination; comprend les réfugiés et les "
            "demandeurs d’asile."
        ),
    ),
    "Table 3": IndicatorSpec(
        code="undesa.migrant_share",
        name_en="International migrant stock as a percentage of the population",
        name_fr="Migrants internationaux en pourcentage de la population",
        unit=Unit.PERCENT,
        publisher="UN DESA",
    ),
    "Table 6": IndicatorSpec(
        code="undesa.refugees",
        name_en="Refugees and asylum-seekers at mid-year (UN DESA estimate)",
        name_fr="Réfugiés et demandeurs d’asile au milieu de l’année (estimation du DAES)",
        unit=Unit.PERSONS,
        publisher="UN DESA",
        definition_en=(
            "UN DESA’s estimate from UNHCR’s and, where appropriate, UNRWA’s figures, by "
            "country of destination."
        ),
        definition_fr=(
            "Estimation du DAES à partir des chiffres du HCR et, le cas échéant, de l’UNRWA, "
            "par pays de destination."
        ),
    ),
}
SEXES = ("", "sex=male", "sex=female")
MARKS = {"..": Status.NOT_AVAILABLE, "~": Status.SUPPRESSED}


def read(path: Path, *, edition: str = "") -> Parsed:
    """Read the three tables of the workbook."""
    from openpyxl import load_workbook  # 0.2 s to import: only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise ImportFailed(f"{path.name}: not an Excel workbook ({error})") from None
    missing = [name for name in SHEETS if name not in workbook.sheetnames]
    if missing:
        raise ImportFailed(f"{path.name}: no sheet {', '.join(missing)} (the 2020 layout)")
    parsed = Parsed(release=Release("", "", "", "", "", ""))
    release_code = ""
    for sheet, spec in SHEETS.items():
        parsed.add(spec)
        rows = list(workbook[sheet].iter_rows(values_only=True))
        release_code = release_code or _release_code(rows)
        _read_sheet(parsed, rows, spec.code, f"{path.name} [{sheet}]")
    workbook.close()
    parsed.release = Release(
        key="undesa-ims",
        publisher_en=(
            "United Nations, Department of Economic and Social Affairs, Population Division"
        ),
        publisher_fr=(
            "Nations Unies, Département des affaires économiques et sociales, Division de la "
            "population"
        ),
        title_en="International Migrant Stock 2020: Destination",
        title_fr="Effectif des migrants internationaux 2020 : destination",
        edition=edition or release_code or "2020",
        identifier=path.name,
    )
    return parsed


def _release_code(rows: list[tuple[Any, ...]]) -> str:
    for row in rows[:10]:
        for cell in row:
            if isinstance(cell, str) and cell.startswith("POP/DB/MIG"):
                return cell.strip()
    return ""


def _header(rows: list[tuple[Any, ...]], name: str) -> int:
    for index, row in enumerate(rows[:30]):
        if "Location code" in row:
            return index
    raise ImportFailed(f"{name}: no header row with 'Location code' in the first 30 rows")


def _read_sheet(parsed: Parsed, rows: list[tuple[Any, ...]], code: str, name: str) -> None:
    header_index = _header(rows, name)
    header = rows[header_index]
    location = header.index("Location code")
    years = [
        (column, int(cell))
        for column, cell in enumerate(header)
        if isinstance(cell, int) and 1900 < cell < 2100
    ]
    groups = [years[i : i + 7] for i in range(0, len(years), 7)]
    if code == "undesa.refugees":
        groups = groups[:1]  # the next columns are percentages of the stock, not by sex
    seen: set[Any] = set()
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if row and row[location] in seen:
            # An aggregate listed under two groupings (Australia and New Zealand is an SDG
            # region and a part of Oceania): the same figures, kept once.
            parsed.skipped["aggregate listed a second time (same M49 code)"] += 1
            continue
        if row and row[location] is not None:
            seen.add(row[location])
        if not row or row[location] is None:
            if any(cell not in (None, "") for cell in row or ()):
                parsed.skipped["row without a location code"] += 1
            continue
        parsed.rows_read += 1
        try:
            place = _place(int(row[location]), row[1], row[location + 1])
        except (TypeError, ValueError):
            parsed.reject(file=name, row=offset, column="Location code", reason="not a number")
            continue
        if place.kind == GeographyKind.OTHER:
            parsed.kept_codes[place.code] = place.name
        notes = f"Type of data: {row[location + 1]}." if row[location + 1] else ""
        if row[location - 1]:
            notes += f" See note {row[location - 1]} of the workbook."
        for sex, group in zip(SEXES, groups, strict=False):
            for column, year in group:
                _cell(parsed, name, offset, code, place, sex, year, row[column], notes.strip())


def _place(m49: int, label: Any, data_type: Any) -> Geography:
    name = str(label or "").strip().rstrip("*").strip()
    if m49 == 900:
        return Geography(WORLD, GeographyKind.WORLD, "World")
    country = m49_country(m49)
    if country is not None:
        return Geography(country.code, country.kind, name)
    kind = GeographyKind.OTHER if data_type else GeographyKind.AGGREGATE
    return Geography(f"M49-{m49}", kind, name)


def _cell(
    parsed: Parsed,
    name: str,
    row: int,
    code: str,
    place: Geography,
    sex: str,
    year: int,
    cell: Any,
    notes: str,
) -> None:
    value: float | None = None
    if isinstance(cell, int | float):
        status, value = Status.ESTIMATE, float(cell)
    elif isinstance(cell, str) and cell.strip() in MARKS:
        status = MARKS[cell.strip()]
    elif isinstance(cell, str) and cell.strip() == "—":
        status, value = Status.ESTIMATE, 0.0
        notes = (notes + " Less than half the unit (shown as —).").strip()
    elif cell in (None, ""):
        parsed.skipped["empty cell"] += 1
        return
    else:
        parsed.reject(file=name, row=row, column=str(year), reason=f"not a figure: {cell!r}")
        return
    parsed.values.append(
        Value(
            indicator=code,
            geography=place.code,
            kind=place.kind,
            name=place.name,
            period=str(year),
            period_end=datetime.date(year, 7, 1),
            value=value,
            status=status,
            breakdown=sex,
            notes=notes,
        )
    )
