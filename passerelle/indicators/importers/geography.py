"""How the publishers' geography codes become an observation's geography.

Read offline from pycountry (ISO 3166), so an import does not depend on the geo app's tables
being loaded. A code that is neither an ISO country nor a known special code is never dropped:
it is kept as it is, of kind "other", and the import's summary lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from passerelle.indicators.models import GeographyKind

WORLD = "WLD"
UNKNOWN = "UNK"
STATELESS = "XXA"

# Codes that stand for no country: UNHCR writes unknown origin as UKN (its own code) or UNK (the
# ISO column of its API), and stateless persons as STA (its code) or XXA (ICAO's code for a
# stateless person, which UNHCR's ISO column uses).
SPECIAL = {
    "UNK": (UNKNOWN, "Unknown origin"),
    "UKN": (UNKNOWN, "Unknown origin"),
    "XXA": (STATELESS, "Stateless"),
    "STA": (STATELESS, "Stateless"),
}


@dataclass(frozen=True)
class Geography:
    """A geography as an observation stores it."""

    code: str
    kind: str
    name: str


@cache
def iso_alpha3(code: str) -> Geography | None:
    """The ISO country with this alpha-3 code, or None."""
    entry = pycountry.countries.get(alpha_3=code.upper())
    return Geography(entry.alpha_3, GeographyKind.COUNTRY, entry.name) if entry else None


@cache
def iso_alpha2(code: str) -> Geography | None:
    """The ISO country with this alpha-2 code, or None."""
    entry = pycountry.countries.get(alpha_2=code.upper())
    return Geography(entry.alpha_3, GeographyKind.COUNTRY, entry.name) if entry else None


@cache
def m49_country(code: int) -> Geography | None:
    """The ISO country whose numeric code is this UN M49 code, or None (M49 country codes are
    ISO 3166 numeric codes)."""
    entry = pycountry.countries.get(numeric=f"{code:03d}")
    return Geography(entry.alpha_3, GeographyKind.COUNTRY, entry.name) if entry else None


def special(code: str) -> Geography | None:
    """Unknown origin or stateless, under one code each, or None."""
    found = SPECIAL.get(code.upper())
    return Geography(found[0], GeographyKind.OTHER, found[1]) if found else None


def unhcr_geography(iso: str, unhcr: str, name: str) -> Geography:
    """A UNHCR origin or asylum: its ISO column where it has one, else its own code mapped
    (unknown, stateless), else the code kept as it is."""
    for code in (iso, unhcr):
        if not code:
            continue
        found = special(code) or iso_alpha3(code)
        if found is not None:
            return found
    code = (iso or unhcr).upper()
    return Geography(code, GeographyKind.OTHER, name or code)
