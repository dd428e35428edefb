"""Coverage from the outside: the CLI, the API and the pages, with permissions and clearance."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from passerelle.core.classification import Classification
from passerelle.core.testcases import api_client
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import BiometricCollectionPoint

pytestmark = pytest.mark.django_db


def make_point(*, code: str, latitude: float, longitude: float, country: Country, **fields: Any):
    values: dict[str, Any] = {
        "name_en": f"Point {code}",
        "name_fr": f"Point {code}",
        "city_en": code.title(),
        "city_fr": code.title(),
        "latitude": latitude,
        "longitude": longitude,
        "country": country,
        "illustrative": True,
    }
    values.update(fields)
    return BiometricCollectionPoint.objects.create(code=code, **values)


@pytest.fixture
def network() -> dict[str, BiometricCollectionPoint]:
    nigeria = make_country(iso_alpha2="NG", iso_alpha3="NGA", iso_numeric="566", name_en="Nigeria")
    ghana = make_country(iso_alpha2="GH", iso_alpha3="GHA", iso_numeric="288", name_en="Ghana")
    return {
        "lagos": make_point(code="lagos", latitude=6.45, longitude=3.39, country=nigeria),
        "accra": make_point(code="accra", latitude=5.56, longitude=-0.20, country=ghana),
        "secret": make_point(
            code="secret",
            latitude=6.52,
            longitude=3.38,
            country=nigeria,
            classification=Classification.PROTECTED_B,
        ),
        "planned": make_point(
            code="planned",
            latitude=6.5,
            longitude=3.4,
            country=nigeria,
            status=BiometricCollectionPoint.Status.PLANNED,
        ),
    }


def run(*args: str) -> str:
    out = StringIO()
    call_command("network", *args, stdout=out)
    return out.getvalue()


def test_cli_nearest_json(network):
    rows = json.loads(run("nearest", "--lat", "6.52", "--lon", "3.38", "--k", "2", "--json"))
    assert [row["code"] for row in rows] == ["secret", "lagos"], "the system sees every point"
    assert set(rows[1]) == {
        "code",
        "name",
        "city",
        "country",
        "latitude",
        "longitude",
        "distance_km",
    }
    assert rows[1]["country"] == "NGA" and 0 < rows[1]["distance_km"] < 10


def test_cli_nearest_by_city(network):
    rows = json.loads(run("nearest", "--city", "Accra", "--country", "GH", "--json"))
    assert rows[0]["code"] == "accra"
    assert "planned" not in {row["code"] for row in rows}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--lat", "95", "--lon", "0"], "out of range"),
        (["--city", "Nowhere-on-earth"], "Unknown city"),
        (["--city", "Hyderabad"], "ambiguous"),
        (["--lat", "1"], "--lat and --lon"),
    ],
)
def test_cli_errors_are_clear(network, args, message):
    with pytest.raises(CommandError, match=message):
        run("nearest", *args)


def test_cli_coverage_and_propose_json(network):
    countries = {row["country"]: row for row in json.loads(run("coverage", "--json"))}
    assert countries["NGA"]["has_point"] and not countries["FRA"]["has_point"]
    assert 0 < countries["NGA"]["share"]["500"] <= 1
    proposals = json.loads(run("propose", "--k", "3", "--radius", "250", "--json"))
    assert [p["rank"] for p in proposals] == [1, 2, 3]
    assert proposals[0]["added_population"] >= proposals[1]["added_population"]


def test_api_nearest_for_a_viewer(network):
    client = api_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    response = client.get("/api/v1/network/nearest/", {"lat": 6.52, "lon": 3.38, "k": 2})
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["secret", "lagos"]
    by_city = client.get("/api/v1/network/nearest/", {"city": "Lagos"}).json()
    assert by_city["place"] == {"name": "Lagos", "country": "NGA"}


def test_api_refuses_users_without_role(network):
    client = api_client(make_user(role=None))
    for url in ("nearest/?lat=0&lon=0", "coverage/", "proposals/"):
        assert client.get(f"/api/v1/network/{url}").status_code == 403
    assert api_client(None).get("/api/v1/network/coverage/").status_code in (401, 403)


def test_api_bad_input_is_400(network):
    client = api_client(make_user(role="viewer"))
    assert client.get("/api/v1/network/nearest/", {"lat": 91, "lon": 0}).status_code == 400
    assert client.get("/api/v1/network/nearest/").status_code == 400
    response = client.get("/api/v1/network/nearest/", {"city": "Hyderabad"})
    assert response.status_code == 400 and "Candidates" in str(response.json())


def test_api_coverage_and_proposals(network):
    client = api_client(make_user(role="viewer"))
    body = client.get("/api/v1/network/coverage/").json()
    assert (
        "FRA" in body["countries_without_points"] and "NGA" not in body["countries_without_points"]
    )
    proposals = client.get("/api/v1/network/proposals/", {"k": 2, "radius": 100}).json()
    assert proposals["radius_km"] == 100 and len(proposals["proposals"]) == 2


def test_a_protected_b_point_is_not_used_for_an_unclassified_user(network):
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    rows = api_client(low).get("/api/v1/network/nearest/", {"lat": 6.52, "lon": 3.38}).json()
    assert "secret" not in [row["code"] for row in rows["results"]]
    page = signed_in_client(low).get("/en/network/nearest/", {"lat": "6.52", "lon": "3.38"})
    assert b"Point secret" not in page.content and b"Point lagos" in page.content


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_render_in_both_languages(network, language):
    client = signed_in_client(make_user(role="viewer"))
    for path in ("/network/coverage/", "/network/nearest/", "/network/nearest/?city=Lagos"):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}"'.encode() in response.content


def test_nearest_page_shows_an_error_summary(network):
    client = signed_in_client(make_user(role="viewer"))
    response = client.get("/en/network/nearest/", {"lat": "95", "lon": "0"})
    assert b"gcds-error-summary" in response.content
    response = client.get("/en/network/nearest/", {"city": "Hyderabad"})
    assert b"Several cities have that name" in response.content


def test_coverage_page_explains_the_method_and_marks_itself(network):
    response = signed_in_client(make_user(role="viewer")).get("/en/network/coverage/")
    assert b"1 \xe2\x88\x92 1/e" in response.content
    assert b"cities of 15,000 people or more" in response.content
    assert b"Protected B" in response.content, "the page shows a Protected B point"


def test_pages_need_sign_in(network):
    from django.test import Client

    assert Client().get("/en/network/coverage/").status_code == 302
