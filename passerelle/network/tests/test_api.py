"""The network's API: the registry's endpoints (generic CRUD tests) and the summary."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest
from django.db import models

from passerelle.core.classification import Classification
from passerelle.core.testcases import APICRUDTests, APIReadTests, api_client
from passerelle.core.testing import make_user
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)
from passerelle.network.tests.factories import (
    ANNEX,
    BINDER_DATE,
    make_area_office,
    make_jurisdiction,
    make_office,
    make_point,
    make_snapshot,
)

pytestmark = pytest.mark.django_db
SUMMARY = "/api/v1/network/summary/"


class TestOfficeAPI(APICRUDTests):
    model = Office
    list_url = "/api/v1/network/offices/"
    factory = make_office
    lookup_field = "code"
    edit_role = "network manager"
    update_data: ClassVar[dict[str, Any]] = {"city_en": "Kingston upon Thames"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        country = make_country()
        return {
            "code": "new-office",
            "name_en": "Visa office, Lagos",
            "name_fr": "Bureau des visas, Lagos",
            "kind": "visa_office",
            "city_en": "Lagos",
            "city_fr": "Lagos",
            "country": country.iso_alpha3,
            "latitude": 6.45,
            "longitude": 3.39,
        }


class TestPointAPI(APICRUDTests):
    model = BiometricCollectionPoint
    list_url = "/api/v1/network/points/"
    factory = make_point
    lookup_field = "code"
    edit_role = "network manager"
    update_data: ClassVar[dict[str, Any]] = {"status": "temporarily_closed"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "code": "new-point",
            "name_en": "Visa application centre, Lagos",
            "name_fr": "Centre de réception des demandes de visa, Lagos",
            "city_en": "Lagos",
            "city_fr": "Lagos",
            "country": make_country().iso_alpha3,
            "latitude": 6.45,
            "longitude": 3.39,
            "services": ["biometrics", "visa_application_centre"],
        }


class TestAreaOfficeAPI(APIReadTests):
    model = AreaOffice
    list_url = "/api/v1/network/area-offices/"
    factory = make_area_office
    lookup_field = "slug"


class TestStaffingAPI(APIReadTests):
    model = StaffingSnapshot
    list_url = "/api/v1/network/staffing/"

    def make(self, **fields: Any) -> models.Model:
        return make_snapshot(office=make_office(), **fields)


class TestJurisdictionAPI(APIReadTests):
    model = Jurisdiction
    list_url = "/api/v1/network/jurisdictions/"

    def make(self, **fields: Any) -> models.Model:
        return make_jurisdiction(country=make_country(), office=make_office(), **fields)


def test_the_summary_of_the_reference_data(reference_data: None) -> None:
    as_of = BINDER_DATE.isoformat()
    response = api_client(make_user(role="viewer")).get(SUMMARY, {"as_of": as_of})
    assert response.status_code == 200
    assert response.json() == ANNEX


def test_the_summary_defaults_to_today() -> None:
    response = api_client(make_user(role="viewer")).get(SUMMARY)
    assert response.status_code == 200
    assert response.json()["as_of"] == date.today().isoformat()


def test_a_malformed_date_is_a_clear_400() -> None:
    response = api_client(make_user(role="viewer")).get(SUMMARY, {"as_of": "02/01/2024"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["as_of"][0]


def test_the_summary_needs_a_role() -> None:
    assert api_client(None).get(SUMMARY).status_code in (401, 403)
    assert api_client(make_user(role=None)).get(SUMMARY).status_code == 403


def test_the_summary_counts_only_what_the_reader_may_see() -> None:
    office = make_office(classification=Classification.PROTECTED_B)
    make_snapshot(office=office, canada_based=4)
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    high = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    params = {"as_of": "2024-02-01"}
    assert api_client(low).get(SUMMARY, params).json()["overseas_offices"] == 0
    assert api_client(high).get(SUMMARY, params).json()["overseas_offices"] == 1


def test_offices_filter_by_area_office_kind_and_country() -> None:
    area = make_area_office()
    country = make_country()
    inside = make_office(area_office=area, country=country)
    make_office(kind=Office.Kind.GLOBAL_OPERATIONS_CENTRE)
    client = api_client(make_user(role="viewer"))
    url = "/api/v1/network/offices/"

    def codes(**params: str) -> set[str]:
        return {row["code"] for row in client.get(url, params).json()["results"]}

    assert codes(area_office=area.slug) == {inside.code}
    assert codes(country=country.iso_alpha3) == {inside.code}
    assert len(codes(kind="global_operations_centre")) == 1
    assert codes(search=inside.city_en) == {inside.code}


def test_a_point_with_bad_coordinates_is_refused() -> None:
    response = api_client(make_user(role="network manager")).post(
        "/api/v1/network/points/",
        {**TestPointAPI().create_data, "latitude": 123},
        format="json",
    )
    assert response.status_code == 400
    assert "latitude" in response.json()
