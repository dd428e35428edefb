"""The geo API: the generic read tests, lookups and filters."""

from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.testcases import APIReadTests, api_client
from passerelle.geo.models import Country, CountryGroup, Region
from passerelle.geo.tests.factories import make_country, make_group, make_region


class TestCountryAPI(APIReadTests):
    model = Country
    list_url = "/api/v1/geo/countries/"
    factory = make_country
    lookup_field = "iso_alpha3"


class TestCountryGroupAPI(APIReadTests):
    model = CountryGroup
    list_url = "/api/v1/geo/groups/"
    factory = make_group
    lookup_field = "slug"


class TestRegionAPI(APIReadTests):
    model = Region
    list_url = "/api/v1/geo/regions/"
    factory = make_region
    lookup_field = "code"


def _codes(response: Any) -> list[str]:
    assert response.status_code == 200
    return [row["iso_alpha3"] for row in response.json()["results"]]


@pytest.fixture
def client(viewer: User) -> Client:
    return api_client(viewer)


@pytest.mark.django_db
def test_detail_by_alpha3(countries: int, client: Client) -> None:
    data = client.get("/api/v1/geo/countries/MEX/").json()
    assert data["iso_numeric"] == "484"
    assert data["name_fr"] == "Mexique"
    assert data["subregion_m49"] == "419"


@pytest.mark.django_db
def test_filter_by_region(countries: int, client: Client) -> None:
    codes = _codes(client.get("/api/v1/geo/countries/", {"region": "021", "limit": "300"}))
    assert {"CAN", "USA"} <= set(codes)
    assert "MEX" not in codes
    americas = _codes(client.get("/api/v1/geo/countries/", {"region": "019", "limit": "300"}))
    assert {"CAN", "MEX", "BRA", "HTI"} <= set(americas)
    assert "FRA" not in americas


@pytest.mark.django_db
def test_search_by_name_in_either_language_or_by_code(countries: int, client: Client) -> None:
    assert _codes(client.get("/api/v1/geo/countries/", {"q": "Mexique"})) == ["MEX"]
    assert "USA" in _codes(client.get("/api/v1/geo/countries/", {"q": "etats-unis"}))
    assert "CIV" in _codes(client.get("/api/v1/geo/countries/", {"q": "cote d'ivoire"}))
    assert _codes(client.get("/api/v1/geo/countries/", {"q": "GFR"})) == ["DEU"]
    assert "MEX" in _codes(client.get("/api/v1/geo/countries/", {"search": "mexi"}))


@pytest.mark.django_db
def test_filter_by_group(countries: int, client: Client) -> None:
    make_group(
        slug="five-eyes",
        members=list(Country.objects.filter(iso_alpha3__in=["AUS", "CAN", "NZL", "GBR", "USA"])),
    )
    codes = _codes(client.get("/api/v1/geo/countries/", {"group": "five-eyes"}))
    assert sorted(codes) == ["AUS", "CAN", "GBR", "NZL", "USA"]
    group = client.get("/api/v1/geo/groups/five-eyes/").json()
    assert sorted(group["members"]) == ["AUS", "CAN", "GBR", "NZL", "USA"]


@pytest.mark.django_db
def test_group_above_clearance_cannot_filter_or_show(unclassified_viewer: User) -> None:
    country = make_country()
    make_group(slug="secret", members=[country], classification=Classification.PROTECTED_B)
    client = api_client(unclassified_viewer)
    response = client.get("/api/v1/geo/countries/", {"group": "secret"})
    assert response.status_code == 400
    assert client.get(f"/api/v1/geo/countries/{country.iso_alpha3}/").json()["groups"] == []


@pytest.mark.django_db
def test_protected_country_is_not_found_for_unclassified_viewer(
    unclassified_viewer: User,
) -> None:
    secret = make_country(classification=Classification.PROTECTED_B)
    response = api_client(unclassified_viewer).get(f"/api/v1/geo/countries/{secret.iso_alpha3}/")
    assert response.status_code == 404
