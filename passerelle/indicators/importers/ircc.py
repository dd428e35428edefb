"""IRCC's published files: processing times (canada.ca JSON) and study permit holders by country
of citizenship (open data CSV).

Processing times: `{program: {alpha-2: "4 weeks" | {sub-key: text}, "lastupdated": "May 13,
2026"}}`, and the programs not by country (`default-update`, one key a program). Free-text
durations become days (a week 7, a month 365.25 / 12); "No processing time available" and "Not
enough data" are kept as not available, with the text.

Study permit holders: a title row, three header rows (year / quarter / month), one row a country
of citizenship, values 0–5 shown as `--` (suppressed, not zero), others rounded to 5 with
thousands separators, then notes and the release date ("Source: IRCC, March 31, 2025").
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pycountry

from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
)
from passerelle.indicators.importers.geography import (
    STATELESS,
    UNKNOWN,
    WORLD,
    Geography,
    iso_alpha2,
    iso_alpha3,
)
from passerelle.indicators.models import GeographyKind, Status, Unit

NOT_AVAILABLE = ("No processing time available", "Not enough data")
UNITS_IN_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 365.25 / 12}
DURATION = re.compile(r"^(?:Part \d+:\s*)?(\d+(?:\.\d+)?)\s+(minute|hour|day|week|month)s?$")
PROGRAMS = {
    "visitor-outside-canada": ("Visitor visa (outside Canada)", "Visa de visiteur (hors Canada)"),
    "supervisa": ("Parent and grandparent super visa", "Super visa pour parents et grands-parents"),
    "study": ("Study permit (outside Canada)", "Permis d’études (hors Canada)"),
    "work": ("Work permit (outside Canada)", "Permis de travail (hors Canada)"),
    "child_dependent": ("Dependent child", "Enfant à charge"),
    "child_adopted": ("Adopted child", "Enfant adopté"),
    "refugees_gov": ("Government-assisted refugees", "Réfugiés pris en charge par le gouvernement"),
    "refugees_private": ("Privately sponsored refugees", "Réfugiés parrainés par le secteur privé"),
}
# IRCC's names of citizenship that ISO 3166 (pycountry) does not know as written.
CITIZENSHIP = {
    "Bahama Islands, The": "BHS",
    "Bonaire, Sin Eustatius And Saba": "BES",
    "Bosnia-Herzegovina": "BIH",
    "Burma (Myanmar)": "MMR",
    "Brunei": "BRN",
    "Burkina-Faso": "BFA",
    "Cape Verde Islands": "CPV",
    "China, People's Republic of": "CHN",
    "Congo, Democratic Republic of the": "COD",
    "Congo, People's Republic of the": "COG",
    "Curacao": "CUW",
    "East Timor, Democratic Republic of": "TLS",
    "Gabon Republic": "GAB",
    "Holy See": "VAT",
    "Hong Kong SAR": "HKG",
    "Ivory Coast, Republic of": "CIV",
    "Korea, People's Democratic Republic of": "PRK",
    "Macau SAR": "MAC",
    "Macedonia": "MKD",
    "Mongolia, People's Republic of": "MNG",
    "Myanmar (Burma)": "MMR",
    "Palestinian Authority (Gaza/West Bank)": "PSE",
    "Reunion": "REU",
    "Russia": "RUS",
    "Saint-Martin": "MAF",
    "Sint-Maarten": "SXM",
    "Somalia, Democratic Republic of": "SOM",
    "St. Kitts-Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "Sudan, Democratic Republic of": "SDN",
    "Surinam": "SUR",
    "Swaziland": "SWZ",
    "Turkey": "TUR",
    "United Kingdom and Overseas Territories": "GBR",
}
NOT_COUNTRIES = {
    "Stateless": Geography(STATELESS, GeographyKind.OTHER, "Stateless"),
    "Country of Citizenship not stated": Geography(UNKNOWN, GeographyKind.OTHER, "Not stated"),
    "Kosovo, Republic of": Geography("XKX", GeographyKind.OTHER, "Kosovo"),
    "Netherlands Antilles, The": Geography("ANT", GeographyKind.OTHER, "Netherlands Antilles"),
    "Other": Geography("OTHER", GeographyKind.OTHER, "Other"),
    "Total unique persons": Geography(WORLD, GeographyKind.WORLD, "All countries of citizenship"),
}
SUFFIX = re.compile(
    r",\s*(the|republic of( the)?|democratic republic of|independent state of|"
    r"commonwealth of the|federal republic of)$",
    re.IGNORECASE,
)
STUDY = {
    "": (
        "Study permit holders in Canada, by year the permit became effective",
        "Titulaires d’un permis d’études au Canada, par année d’entrée en vigueur du permis",
    ),
    ".quarterly": (
        "Study permit holders in Canada, by quarter",
        "Titulaires d’un permis d’études au Canada, par trimestre",
    ),
    ".monthly": (
        "Study permit holders in Canada, by month",
        "Titulaires d’un permis d’études au Canada, par mois",
    ),
}


def days(text: str) -> float:
    """A published duration in days: "4 weeks" → 28, "13 months" → 395.6."""
    match = DURATION.match(text.strip())
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return round(float(match[1]) * UNITS_IN_DAYS[match[2]], 1)


def _date(text: str) -> datetime.date:
    return datetime.datetime.strptime(text.strip(), "%B %d, %Y").date()


def read_processing_times(path: Path, *, edition: str = "") -> Parsed:
    """Read the by-country file or the not-by-country file (told apart by `default-update`)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{path.name}: not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise ImportFailed(f"{path.name}: not the processing-times JSON (an object of programs)")
    parsed = Parsed(release=Release("", "", "", "", "", ""))
    dates: list[datetime.date] = []
    defaults = data.pop("default-update", None)
    names = _country_names(path)
    for number, (program, entries) in enumerate(data.items(), start=1):
        if not isinstance(entries, dict) or not entries:
            parsed.skipped["program without figures"] += 1
            continue
        try:
            if defaults is not None:
                key = "flpt_lastupdated" if program.endswith("_flpt") else "lastupdated"
                published = _date(defaults[key])
            else:
                published = _date(entries.pop("lastupdated"))
        except (KeyError, ValueError):
            parsed.reject(file=path.name, row=number, column=program, reason="no lastupdated date")
            continue
        dates.append(published)
        for key, text in entries.items():
            if defaults is not None:
                place = Geography("ALL", GeographyKind.OTHER, "All applicants (not by country)")
                code = program if key == program else f"{program}.{key}"
                _duration(parsed, path.name, number, code, key, place, published, text)
                continue
            place = iso_alpha2(key) or Geography(
                key.upper(), GeographyKind.OTHER, str(names.get(key) or key)
            )
            if place.kind == GeographyKind.OTHER:
                parsed.kept_codes[place.code] = place.name
            items = text.items() if isinstance(text, dict) else [("", text)]
            for sub, value in items:
                code = f"{program}.{sub}" if sub else program
                _duration(parsed, path.name, number, code, key, place, published, value)
    if not dates and not parsed.errors:
        raise ImportFailed(
            f"{path.name}: no program with processing times (each program is an object of "
            f"figures with its lastupdated date); nothing was imported"
        )
    latest = max(dates) if dates else None
    parsed.release = Release(
        key="ircc-processing-times" + ("-not-by-country" if defaults is not None else ""),
        publisher_en="Immigration, Refugees and Citizenship Canada",
        publisher_fr="Immigration, Réfugiés et Citoyenneté Canada",
        title_en="Check processing times (canada.ca)",
        title_fr="Vérifier les délais de traitement (canada.ca)",
        edition=edition or (f"as published {latest.isoformat()}" if latest else "undated"),
        published=latest,
        identifier=path.name,
    )
    return parsed


def _country_names(path: Path) -> dict[str, str]:
    """IRCC's names of its codes, from the names file published beside the times, if there."""
    names = path.with_name(path.name.replace("ptime", "country-name"))
    if names == path or not names.is_file():
        return {}
    try:
        data = json.loads(names.read_bytes().decode("utf-8-sig"))
        return {str(k): str(v) for k, v in data.get("country-name", {}).items()}
    except (json.JSONDecodeError, AttributeError):
        return {}


def _duration(
    parsed: Parsed,
    file: str,
    number: int,
    code: str,
    column: str,
    place: Geography,
    published: datetime.date,
    text: Any,
) -> None:
    program = code.split(".")[0]
    name_en, name_fr = PROGRAMS.get(program, (program.replace("_", " ").replace("-", " "),) * 2)
    if "." in code:
        name_en, name_fr = (
            f"{name_en} ({code.split('.', 1)[1]})",
            f"{name_fr} ({code.split('.', 1)[1]})",
        )
    parsed.add(
        IndicatorSpec(
            code=f"ircc.ptime.{code}",
            name_en=f"Processing time: {name_en}",
            name_fr=f"Délai de traitement : {name_fr}",
            unit=Unit.DAYS,
            publisher="IRCC",
            definition_en="The time IRCC took to process 80% of applications, as published.",
            definition_fr="Le délai dans lequel IRCC a traité 80 % des demandes, tel que publié.",
        )
    )
    text = str(text).strip()
    value: float | None = None
    if text in NOT_AVAILABLE:
        status = Status.NOT_AVAILABLE
    else:
        try:
            value, status = days(text), Status.REPORTED
        except ValueError as error:
            parsed.reject(file=file, row=number, column=f"{code}.{column}", reason=str(error))
            return
    parsed.rows_read += 1
    parsed.values.append(
        Value(
            indicator=f"ircc.ptime.{code}",
            geography=place.code,
            kind=place.kind,
            name=place.name,
            period=published.isoformat(),
            period_end=published,
            value=value,
            status=status,
            notes=f"Published as “{text}”.",
        )
    )


def citizenship(name: str) -> Geography | None:
    """An IRCC country of citizenship as a geography, or None when it is not known."""
    if name in NOT_COUNTRIES:
        return NOT_COUNTRIES[name]
    code = CITIZENSHIP.get(name)
    if code:
        return iso_alpha3(code)
    for candidate in (name, SUFFIX.sub("", name)):
        try:
            entry = pycountry.countries.lookup(candidate)
        except LookupError:
            continue
        return Geography(entry.alpha_3, GeographyKind.COUNTRY, name)
    return None
