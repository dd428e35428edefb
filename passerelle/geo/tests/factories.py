"""Factories for geo tests: plain keyword-only functions."""

from __future__ import annotations

import itertools
from typing import Any

from passerelle.geo.models import Country, CountryGroup, Region

_counter = itertools.count(1)


def make_country(**fields: Any) -> Country:
    """A made-up country with codes from ISO's user-assigned ranges (X…, 900-999), so never a
    real one; they cycle, skipping codes a test has already given to a country of its own."""
    n = next(_counter)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26]
    while Country.objects.filter(iso_alpha2=f"X{letter}").exists():
        n = next(_counter)
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26]
    values: dict[str, Any] = {
        "iso_alpha2": f"X{letter}",
        "iso_alpha3": f"XX{letter}",
        "iso_numeric": f"{900 + n % 100:03d}",
        "name_en": f"Testland {n}",
        "name_fr": f"Pays d’essai {n}",
        "illustrative": True,
    }
    values.update(fields)
    return Country.objects.create(**values)


def make_group(*, members: list[Country] | None = None, **fields: Any) -> CountryGroup:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"group-{n}",
        "name_en": f"Group {n}",
        "name_fr": f"Groupe {n}",
    }
    values.update(fields)
    group = CountryGroup.objects.create(**values)
    if members:
        group.members.set(members)
    return group


def make_region(**fields: Any) -> Region:
    n = next(_counter)
    values: dict[str, Any] = {
        "code": f"{800 + n % 100:03d}",
        "level": Region.Level.REGION,
        "name_en": f"Region {n}",
        "name_fr": f"Région {n}",
    }
    values.update(fields)
    return Region.objects.create(**values)
