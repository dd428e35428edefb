"""Factories for network tests: plain keyword-only functions (STYLE.md); and the binder's annex,
the totals the reference data adds up to on the binder's date."""

from __future__ import annotations

from datetime import date
from typing import Any

from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)

_counter = iter(range(1, 10**6))

BINDER_DATE = date(2024, 2, 1)
ANNEX = {
    "area_offices": 9,
    "overseas_offices": 61,
    "global_operations_centres": 2,
    "biometric_collection_points": 292,
    "countries_with_biometric_collection_points": 110,
    "canada_based_staff": 350,
    "locally_engaged_staff": 1050,
    "as_of": "2024-02-01",
}


def make_office(*, country: Country | None = None, **fields: Any) -> Office:
    n = next(_counter)
    values: dict[str, Any] = {
        "code": f"office-{n}",
        "name_en": f"Visa office {n}",
        "name_fr": f"Bureau des visas {n}",
        "kind": Office.Kind.VISA_OFFICE,
        "city_en": f"City {n}",
        "city_fr": f"Ville {n}",
        "latitude": 10.0,
        "longitude": 20.0,
        "illustrative": True,
    }
    values.update(fields)
    return Office.objects.create(country=country or make_country(), **values)


def make_area_office(*, office: Office | None = None, **fields: Any) -> AreaOffice:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"area-{n}",
        "name_en": f"Region {n}",
        "name_fr": f"Région {n}",
        "order": n,
    }
    values.update(fields)
    return AreaOffice.objects.create(office=office or make_office(), **values)


def make_snapshot(
    *, office: Office, as_of: date = date(2024, 2, 1), **fields: Any
) -> StaffingSnapshot:
    values: dict[str, Any] = {"canada_based": 3, "locally_engaged": 10, "illustrative": True}
    values.update(fields)
    return StaffingSnapshot.objects.create(office=office, as_of=as_of, **values)


def make_point(*, country: Country | None = None, **fields: Any) -> BiometricCollectionPoint:
    n = next(_counter)
    values: dict[str, Any] = {
        "code": f"point-{n}",
        "name_en": f"Visa application centre {n}",
        "name_fr": f"Centre de réception des demandes de visa {n}",
        "operator": "VFS Global",
        "city_en": f"Town {n}",
        "city_fr": f"Bourg {n}",
        "latitude": -5.0,
        "longitude": 30.0,
        "services": ["biometrics"],
        "illustrative": True,
    }
    values.update(fields)
    return BiometricCollectionPoint.objects.create(country=country or make_country(), **values)


def make_jurisdiction(*, country: Country, office: Office, **fields: Any) -> Jurisdiction:
    return Jurisdiction.objects.create(country=country, office=office, **fields)
