"""IRCC open data: study permit holders by country of citizenship and the year, quarter and month
the permit became effective (three header rows). See ircc.py for the layout."""

from __future__ import annotations

import calendar
import csv
import datetime
import io
from pathlib import Path

from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
    parse_count,
    year_end,
)
from passerelle.indicators.importers.ircc import STUDY, citizenship
from passerelle.indicators.models import GeographyKind, Status, Unit

MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}
NOTE_STARTS = ("Notes", "For further information", "Source:")
ROUNDING = "Values rounded to the closest multiple of 5 by IRCC."


def _columns(header: list[list[str]], name: str) -> list[tuple[int, str, str, datetime.date, str]]:
    """(column, indicator suffix, period, end of period, note) for every figure column; a
    labelled column that is none of them is refused by name."""
    years, quarters, months = header
    columns = []
    year = quarter = 0
    quarters_seen: dict[int, int] = {}
    for column in range(1, len(years)):
        if years[column].strip().isdigit():
            year = int(years[column])
        if quarters[column].strip().startswith("Q") and quarters[column].strip()[1:2].isdigit():
            quarter = int(quarters[column].strip()[1])
        label = months[column].strip() if column < len(months) else ""
        if label in MONTHS:
            month = MONTHS[label]
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
            columns.append((column, ".monthly", f"{year}-{month:02d}", end, ""))
        elif label.startswith("Q") and label.endswith("Total"):
            quarters_seen[year] = quarter
            end = datetime.date(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])
            columns.append((column, ".quarterly", f"{year}-Q{quarter}", end, ""))
        elif label == f"{year} Total":
            note = "" if quarters_seen.get(year) == 4 else f"Partial year: to Q{quarter} only."
            columns.append((column, "", str(year), year_end(year), note))
        elif label:
            raise ImportFailed(
                f"{name}: unknown column {label!r} (column {column + 1}); the columns are "
                "months (Jan…Dec), quarter totals (Q1 Total…) and year totals (2024 Total)"
            )
    return columns


def read(path: Path, *, edition: str = "") -> Parsed:
    """Read the annual, quarterly and monthly figures of every country of citizenship."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    header_at = next(
        (i for i, r in enumerate(rows[:10]) if r and r[0] == "Country of Citizenship"), None
    )
    if header_at is None:
        raise ImportFailed(f"{path.name}: no 'Country of Citizenship' header row")
    columns = _columns(rows[header_at : header_at + 3], path.name)
    parsed = Parsed(release=Release("", "", "", "", "", ""))
    for suffix, (name_en, name_fr) in STUDY.items():
        parsed.add(
            IndicatorSpec(
                code=f"ircc.study_permit_holders{suffix}",
                name_en=name_en,
                name_fr=name_fr,
                unit=Unit.PERSONS,
                publisher="IRCC",
                definition_en=(
                    "People holding a study permit that became effective in the period, by "
                    "country of citizenship. Values 0 to 5 are suppressed; others are rounded to "
                    "5, so they may not add up to the totals."
                ),
                definition_fr=(
                    "Personnes titulaires d’un permis d’études entré en vigueur pendant la "
                    "période, par pays de citoyenneté. Les valeurs de 0 à 5 sont supprimées; "
                    "les autres sont arrondies à 5 et peuvent ne pas correspondre aux totaux."
                ),
            )
        )
    published = None
    for line, row in enumerate(rows[header_at + 3 :], start=header_at + 4):
        first = row[0].strip() if row else ""
        if first.startswith("Source:"):
            published = _published(first)
        if not first or first.startswith(NOTE_STARTS):
            parsed.skipped["blank or note row"] += 1
            continue
        parsed.rows_read += 1
        place = citizenship(first)
        if place is None:
            parsed.reject(
                file=path.name,
                row=line,
                column="Country of Citizenship",
                reason=f"unknown country of citizenship {first!r}",
            )
            continue
        if place.kind == GeographyKind.OTHER:
            parsed.kept_codes[place.code] = first
        for column, suffix, period, end, note in columns:
            cell = row[column].strip() if column < len(row) else ""
            value: float | None = None
            if cell == "--":
                status = Status.SUPPRESSED
                note_text = "Between 0 and 5 (suppressed by IRCC)."
            else:
                try:
                    value, status = float(parse_count(cell)), Status.REPORTED
                except ValueError:
                    parsed.reject(
                        file=path.name, row=line, column=period, reason=f"not a count: {cell!r}"
                    )
                    continue
                note_text = ROUNDING
            parsed.values.append(
                Value(
                    indicator=f"ircc.study_permit_holders{suffix}",
                    geography=place.code,
                    kind=place.kind,
                    name=first,
                    period=period,
                    period_end=end,
                    value=value,
                    status=status,
                    notes=f"{note_text} {note}".strip(),
                )
            )
    parsed.release = Release(
        key="ircc-study-permit-holders",
        publisher_en="Immigration, Refugees and Citizenship Canada",
        publisher_fr="Immigration, Réfugiés et Citoyenneté Canada",
        title_en="Study permit holders by country of citizenship (open data)",
        title_fr="Titulaires d’un permis d’études par pays de citoyenneté (données ouvertes)",
        edition=edition or (f"data as of {published.isoformat()}" if published else "undated"),
        published=published,
        identifier=path.name,
    )
    return parsed


def _published(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text.split(",", 1)[1].strip(), "%B %d, %Y").date()
    except (IndexError, ValueError):
        return None
