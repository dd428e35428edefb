"""The country and region reference: ISO 3166-1 (pycountry), UN M49 areas (UNSD, committed as
`geo/data/un-m49.csv`), English and French names (CLDR, through Babel) and UNHCR's own codes
(`data/reference/unhcr-country-codes.csv`). Everything is read offline."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import babel
import pycountry
from django.conf import settings
from django.db import models
from django.db.models import Q

from passerelle.geo.models import Country, Region

M49_TABLE = Path(__file__).resolve().parent / "data" / "un-m49.csv"
UNHCR_TABLE = Path(settings.PROJECT_DIR) / "data" / "reference" / "unhcr-country-codes.csv"

# CLDR's standard English names are written for menus ("Congo - Kinshasa", "St. Kitts & Nevis");
# briefs need the forms the Government of Canada writes. French names follow the same choice.
NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    "CD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "CG": ("Republic of the Congo", "République du Congo"),
    "HK": ("Hong Kong", "Hong Kong"),
    "MO": ("Macao", "Macao"),
    "MM": ("Myanmar", "Myanmar"),
    "VC": ("Saint Vincent and the Grenadines", "Saint-Vincent-et-les-Grenadines"),
}
# CLDR names M49 areas in its own words ("Latin America", "Australasia"); these keep UNSD's.
REGION_NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    "419": ("Latin America and the Caribbean", "Amérique latine et Caraïbes"),
    "053": ("Australia and New Zealand", "Australie et Nouvelle-Zélande"),
    "057": ("Micronesia", "Micronésie"),
    "035": ("South-eastern Asia", "Asie du Sud-Est"),
}
# UNSD lists no area for Taiwan (ISO 158): it is placed where CLDR places it, Eastern Asia.
UNLISTED_PLACEMENT: dict[str, str] = {"TWN": "030"}

_LEVELS = {
    "region": Region.Level.REGION,
    "subregion": Region.Level.SUBREGION,
    "intermediate": Region.Level.INTERMEDIATE,
}


@dataclass(frozen=True)
class M49Area:
    """One row of the UNSD M49 table."""

    code: str
    level: str
    parent: str
    iso_alpha3: str
    name: str


def _read_commented_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


@cache
def m49_areas() -> dict[str, M49Area]:
    """The UNSD M49 table, by code."""
    return {
        row["code"]: M49Area(
            code=row["code"],
            level=row["level"],
            parent=row["parent"],
            iso_alpha3=row["iso_alpha3"],
            name=row["name"],
        )
        for row in _read_commented_csv(M49_TABLE)
    }


@cache
def unhcr_codes() -> dict[str, str]:
    """UNHCR's own code for each ISO alpha-3 it publishes figures for."""
    return {row["iso_alpha3"]: row["unhcr_code"] for row in _read_commented_csv(UNHCR_TABLE)}


def _english_name(alpha2: str) -> str:
    name = babel.Locale("en").territories[alpha2]
    return name.replace(" & ", " and ").replace("St. ", "Saint ")


def country_names(alpha2: str) -> tuple[str, str]:
    """The CLDR common names in English and French (e.g. "United States", "États-Unis")."""
    if alpha2 in NAME_OVERRIDES:
        return NAME_OVERRIDES[alpha2]
    return _english_name(alpha2), babel.Locale("fr").territories[alpha2]


def region_names(area: M49Area) -> tuple[str, str]:
    """English and French names of an M49 area: CLDR's, or UNSD's where CLDR differs."""
    if area.code in REGION_NAME_OVERRIDES:
        return REGION_NAME_OVERRIDES[area.code]
    english = babel.Locale("en").territories.get(area.code, area.name)
    french = babel.Locale("fr").territories.get(area.code, area.name)
    return english, french


def _containing_areas(iso_alpha3: str) -> dict[str, str]:
    """The region, sub-region and intermediate region codes that contain a country."""
    areas = m49_areas()
    by_iso = {area.iso_alpha3: area for area in areas.values() if area.iso_alpha3}
    country = by_iso.get(iso_alpha3)
    parent = country.parent if country else UNLISTED_PLACEMENT.get(iso_alpha3, "")
    found = {"region": "", "subregion": "", "intermediate": ""}
    while parent in areas and areas[parent].level in found:
        found[areas[parent].level] = parent
        parent = areas[parent].parent
    return found


def _save_if_changed(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> bool:
    """Create the record, or update it only where a value differs: every save writes a change
    record, so an unchanged record must not be saved."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        model._default_manager.create(**lookup, **values)
        return True
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(instance, name, value)
    instance.save()
    return True


def sync_regions() -> int:
    """Create or update the UN M49 regions, sub-regions and intermediate regions, parents first.
    Returns the number of records created or changed."""
    areas = [area for area in m49_areas().values() if area.level in _LEVELS]
    order = list(_LEVELS)
    areas.sort(key=lambda area: (order.index(area.level), area.code))
    regions: dict[str, Region] = {}
    written = 0
    for area in areas:
        name_en, name_fr = region_names(area)
        values = {
            "level": _LEVELS[area.level],
            "parent": regions.get(area.parent),
            "name_en": name_en,
            "name_fr": name_fr,
        }
        written += _save_if_changed(Region, {"code": area.code}, values)
        regions[area.code] = Region.objects.get(code=area.code)
    return written


def sync_countries() -> int:
    """Create or update every ISO 3166-1 country and territory with its codes, M49 areas,
    English and French names and UNHCR code, and the M49 regions they sit in.

    Idempotent: a record is saved only when a value differs, so a second run writes nothing.
    Does not commit: the caller owns the transaction (wrap it in `transaction.atomic`). Returns the
    number of records created or changed."""
    written = sync_regions()
    unhcr = unhcr_codes()
    for entry in pycountry.countries:
        name_en, name_fr = country_names(entry.alpha_2)
        areas = _containing_areas(entry.alpha_3)
        values = {
            "iso_alpha3": entry.alpha_3,
            "iso_numeric": entry.numeric,
            "m49": entry.numeric if entry.alpha_3 not in UNLISTED_PLACEMENT else "",
            "unhcr_code": unhcr.get(entry.alpha_3, ""),
            "name_en": name_en,
            "name_fr": name_fr,
            "region_m49": areas["region"],
            "subregion_m49": areas["subregion"],
            "intermediate_region_m49": areas["intermediate"],
        }
        written += _save_if_changed(Country, {"iso_alpha2": entry.alpha_2}, values)
    return written


def country_by_code(code: str, *, unhcr: bool = False) -> Country | None:
    """The country with this ISO alpha-2, alpha-3 or numeric code, M49 code or UNHCR code.

    A few UNHCR codes are another country's ISO alpha-3 (UNHCR's `AUS` is Austria, ISO's is
    Australia): ISO wins unless `unhcr=True`, which a reader of UNHCR files passes. Reads without
    restriction, for importers; pages and the API go through `Country.objects.restrict`."""
    code = code.strip().upper()
    if not code:
        return None
    if code.isdigit():
        numeric = code.zfill(3)
        return Country.objects.filter(Q(iso_numeric=numeric) | Q(m49=numeric)).first()
    if unhcr:
        found = Country.objects.filter(unhcr_code=code).first()
        if found is not None:
            return found
    field = {2: "iso_alpha2", 3: "iso_alpha3"}.get(len(code))
    if field is not None:
        found = Country.objects.filter(**{field: code}).first()
        if found is not None:
            return found
    return Country.objects.filter(unhcr_code=code).first()
