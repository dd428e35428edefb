"""The registry's pages: generic read tests, the overview's counts, filters, and the country
page's network panel under clearance."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from passerelle.core.classification import Classification
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import AreaOffice, BiometricCollectionPoint, Office
from passerelle.network.tests.factories import (
    make_area_office,
    make_jurisdiction,
    make_office,
    make_point,
    make_snapshot,
)

pytestmark = pytest.mark.django_db


class TestOfficePages(PageCRUDTests):
    model = Office
    list_url = "/network/offices/"
    lookup_field = "code"
    edit_role = "network manager"

    def create_data(self) -> dict[str, Any]:
        return {
            "code": "new-office",
            "name_en": "New office",
            "name_fr": "Nouveau bureau",
            "kind": Office.Kind.VISA_OFFICE,
            "city_en": "Lima",
            "city_fr": "Lima",
            "country": make_country().pk,
            "latitude": "-12.0",
            "longitude": "-77.0",
            "classification": "0",
        }

    def make(self, **fields: Any) -> models.Model:
        office = make_office(**fields)
        make_snapshot(office=office)
        return office


class TestPointPages(PageCRUDTests):
    model = BiometricCollectionPoint
    list_url = "/network/points/"
    lookup_field = "code"
    factory = make_point
    edit_role = "network manager"

    def create_data(self) -> dict[str, Any]:
        return {
            "code": "new-point",
            "name_en": "New point",
            "name_fr": "Nouveau point",
            "operator": "VFS Global",
            "city_en": "Lima",
            "city_fr": "Lima",
            "country": make_country().pk,
            "latitude": "-12.0",
            "longitude": "-77.0",
            "services": ["biometrics"],
            "status": BiometricCollectionPoint.Status.OPEN,
            "classification": "0",
        }


class TestAreaOfficePages(PageCRUDTests):
    model = AreaOffice
    list_url = "/network/"
    factory = make_area_office
    edit_role = "network manager"
    declared_list = False

    def add_path(self) -> str:
        return "/network/area-offices/add/"

    def create_data(self) -> dict[str, Any]:
        return {
            "slug": "new-area",
            "name_en": "New area",
            "name_fr": "Nouvelle région",
            "office": make_office().pk,
            "order": "20",
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        office = instance.office.pk
        return {**self.create_data(), "slug": instance.slug, "office": office, **self.change}

    def detail_path(self, instance: models.Model) -> str:
        return f"/network/area-offices/{instance.slug}/"  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_overview_on_the_binders_date(reference_data: None, language: str) -> None:
    client = signed_in_client(make_user(role="viewer"))
    response = client.get(f"/{language}/network/", {"as_of": "2024-02-01"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.overseas_offices, summary.canada_based_staff) == (61, 350)
    counts = [area.responsible_for for area in response.context["areas"]]
    assert counts == [4, 8, 9, 6, 4, 4, 9, 8, 9]
    assert response.context["illustrative"] is True
    assert b"?as_of=2024-02-01" in response.content


def test_a_wrong_date_is_reported_and_today_is_shown() -> None:
    client = signed_in_client(make_user(role="viewer"))
    response = client.get("/en/network/", {"as_of": "01/02/2024"})
    assert response.status_code == 200
    assert b"YYYY-MM-DD" in response.content


def test_the_point_list_filters_by_country_and_status() -> None:
    country = make_country()
    kept = make_point(country=country)
    make_point(country=country, status=BiometricCollectionPoint.Status.CLOSED)
    make_point()
    client = signed_in_client(make_user(role="viewer"))
    response = client.get("/en/network/points/", {"country": country.iso_alpha3, "status": "open"})
    assert [row.record.code for row in response.context["table"].rows] == [kept.code]


def test_the_network_navigation_entry() -> None:
    response = signed_in_client(make_user(role="viewer")).get("/en/")
    assert b'href="/en/network/"' in response.content


def test_the_country_panel_shows_the_network_within_clearance() -> None:
    country = make_country()
    area = make_area_office()
    serving = make_office(area_office=area)
    make_jurisdiction(country=country, office=serving)
    secret = make_office(
        country=country, classification=Classification.PROTECTED_B, name_en="Secret office"
    )
    point = make_point(country=country)
    low = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    page = low.get(f"/en/geo/{country.iso_alpha3}/")
    assert page.status_code == 200, page
    html = page.content.decode()
    assert f"/en/network/offices/{serving.code}/" in html
    assert f"/en/network/area-offices/{area.slug}/" in html
    assert f"/en/network/points/{point.code}/" in html
    assert secret.name_en not in html
    high = signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    page = high.get(f"/en/geo/{country.iso_alpha3}/")
    assert secret.name_en in page.content.decode()
    assert page["X-Security-Classification"] == "protected-b"


def test_a_country_without_network_records_has_no_panel() -> None:
    country = make_country()
    page = signed_in_client(make_user(role="viewer")).get(f"/en/geo/{country.iso_alpha3}/")
    assert b"country-network" not in page.content


def test_the_import_page_is_for_network_managers() -> None:
    assert signed_in_client(make_user(role="viewer")).get("/en/network/import/").status_code == 403
    manager = signed_in_client(make_user(role="network manager"))
    assert manager.get("/en/network/import/").status_code == 200


@pytest.mark.django_db
def test_office_list_hides_an_area_office_above_the_viewers_clearance():
    area = make_area_office(name_en="Secret Region", classification=Classification.PROTECTED_B)
    make_office(name_en="Open Office", area_office=area)
    low = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    page = low.get("/en/network/offices/").content.decode()
    assert "Open Office" in page and "Secret Region" not in page
    high = signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    assert "Secret Region" in high.get("/en/network/offices/").content.decode()
