"""The network map's data (map_features) and its page: clearance, filters, the table beside the
map, and nothing fetched from outside."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.tests.factories import make_country, make_region
from passerelle.network.maps import POINT_KIND, map_features
from passerelle.network.models import Office, StaffingSnapshot
from passerelle.network.tests.factories import make_area_office, make_office, make_point

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 6, 30)


@pytest.fixture
def network() -> dict[str, Any]:
    """Two regions; an office with staff and an area office, a liaison office, an open point, a
    Protected B point, a point that closed before AS_OF, and an office in the other region."""
    americas, africa = make_region(code="919"), make_region(code="902")
    mexico = make_country(region_m49="919", subregion_m49="", name_en="Mexland")
    kenya = make_country(region_m49="902", subregion_m49="914", name_en="Kenland")
    office = make_office(country=mexico, name_en="Mexico City", name_fr="Mexico")
    office.area_office = make_area_office(
        slug="lac", name_en="Latin America", name_fr="Amérique latine", office=office
    )
    office.save()
    StaffingSnapshot.objects.create(
        office=office, as_of=date(2024, 1, 1), canada_based=12, locally_engaged=40
    )
    StaffingSnapshot.objects.create(  # after AS_OF: not shown
        office=office, as_of=date(2025, 1, 1), canada_based=99, locally_engaged=99
    )
    return {
        "regions": (americas, africa),
        "office": office,
        "liaison": make_office(country=mexico, kind=Office.Kind.LIAISON_OFFICE),
        "nairobi": make_office(country=kenya, name_en="Nairobi"),
        "open_point": make_point(country=mexico, status="open"),
        "secret_point": make_point(country=kenya, classification=Classification.PROTECTED_B),
        "closed_point": make_point(country=mexico, closed=date(2023, 1, 1)),
    }


def ids(data: dict[str, Any]) -> set[str]:
    return {feature["id"] for feature in data["features"]}


def test_features_respect_clearance(network: dict[str, Any]) -> None:
    secret = f"point-{network['secret_point'].code}"
    cleared = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    unclassified = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    assert secret in ids(map_features(cleared, as_of=AS_OF))
    data = map_features(unclassified, as_of=AS_OF)
    assert secret not in ids(data)
    assert data["classification"] == Classification.UNCLASSIFIED
    assert map_features(cleared, as_of=AS_OF)["classification"] == Classification.PROTECTED_B
    assert map_features(None, as_of=AS_OF)["features"] == []


def test_features_are_geojson_points_with_their_properties(
    network: dict[str, Any], viewer: User
) -> None:
    data = map_features(viewer, as_of=AS_OF)
    assert data["type"] == "FeatureCollection" and data["as_of"] == "2024-06-30"
    assert data["illustrative"] is True
    office = next(f for f in data["features"] if f["id"] == f"office-{network['office'].code}")
    assert office["geometry"] == {"type": "Point", "coordinates": [20.0, 10.0]}
    properties = office["properties"]
    assert properties["area_office"] == "Latin America"
    assert (properties["canada_based"], properties["locally_engaged"]) == (12, 40)
    assert properties["kind"] == "visa_office" and properties["country"] == "Mexland"


def test_features_as_of_a_date(network: dict[str, Any], viewer: User) -> None:
    closed = f"point-{network['closed_point'].code}"
    assert closed not in ids(map_features(viewer, as_of=AS_OF))
    assert closed in ids(map_features(viewer, as_of=date(2022, 6, 1)))
    later = map_features(viewer, as_of=date(2025, 6, 1))
    office = next(f for f in later["features"] if f["id"] == f"office-{network['office'].code}")
    assert office["properties"]["canada_based"] == 99


def test_features_filtered_by_region_and_kind(network: dict[str, Any], viewer: User) -> None:
    africa = map_features(viewer, as_of=AS_OF, region="902")
    assert ids(africa) == {
        f"office-{network['nairobi'].code}",
        f"point-{network['secret_point'].code}",
    }
    assert ids(map_features(viewer, as_of=AS_OF, region="914")) == ids(africa)
    liaison = map_features(viewer, as_of=AS_OF, kinds=["liaison_office"])
    assert ids(liaison) == {f"office-{network['liaison'].code}"}
    points = map_features(viewer, as_of=AS_OF, region="919", kinds=[POINT_KIND])
    assert ids(points) == {f"point-{network['open_point'].code}"}
    assert map_features(viewer, as_of=AS_OF, kinds=[])["features"] == []


class _Page(HTMLParser):
    """Collects the rows of the two map tables and every src/href of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.addresses: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("data-feature"):
            self.rows.append(values["data-feature"] or "")
        for name in ("src", "href", "data-topology"):
            if values.get(name):
                self.addresses.append((tag, name, values[name] or ""))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_page_table_lists_the_features(
    network: dict[str, Any], viewer_client: Client, language: str
) -> None:
    response = viewer_client.get(f"/{language}/network/map/", {"as_of": "2024-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    data = response.context["data"]
    embedded = re.search(
        r'<script id="network-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert embedded and json.loads(embedded.group(1)) == data
    page = _Page()
    page.feed(html)
    assert sorted(page.rows) == sorted(ids(data))
    assert len(page.rows) == 5
    assert "<caption>" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert 'role="img"' in html and 'aria-labelledby="network-map-title network-map-desc"' in html
    assert "<form" in html and "novalidate" in html
    name = "Mexico" if language == "fr" else "Mexico City"
    assert f">{name}</a>" in html


def test_page_filters_and_reports_errors(network: dict[str, Any], viewer_client: Client) -> None:
    response = viewer_client.get(
        "/en/network/map/", {"as_of": "2024-06-30", "region": "902", "filtered": "1"}
    )
    assert response.context["data"]["features"] == []  # no kind ticked
    response = viewer_client.get(
        "/en/network/map/", {"as_of": "2024-06-30", "region": "902", "kind": "visa_office"}
    )
    assert ids(response.context["data"]) == {f"office-{network['nairobi'].code}"}
    response = viewer_client.get("/en/network/map/", {"as_of": "30/06/2024", "region": "nope"})
    assert response.status_code == 200
    assert set(response.context["filters"].errors) == {"as_of", "region"}
    assert "gcds-error-summary" in response.content.decode()


def test_page_is_marked_with_what_it_shows(network: dict[str, Any]) -> None:
    cleared = signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    unclassified = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    query = {"as_of": "2024-06-30"}
    assert cleared.get("/en/network/map/", query)["X-Security-Classification"] == "protected-b"
    response = unclassified.get("/en/network/map/", query)
    assert response["X-Security-Classification"] == "unclassified"
    assert network["secret_point"].name_en not in response.content.decode()


def test_page_loads_nothing_from_outside(network: dict[str, Any], viewer_client: Client) -> None:
    html = viewer_client.get("/en/network/map/").content.decode()
    page = _Page()
    page.feed(html)
    for tag, name, address in page.addresses:
        if tag == "a" or (tag.startswith("gcds-") and name == "href"):
            continue  # links the user may follow, not resources the page loads
        assert address.startswith("/static/") or address.startswith("/en/network/map.svg"), (
            tag,
            name,
            address,
        )
        assert not re.match(r"(?:https?:)?//", address)
    hashed = r"(?:\.[0-9a-f]{12})?"  # the production storage adds a content hash
    for name in ("vendor/world-atlas/countries-110m", "vendor/d3/d3-geo.min", "network/map"):
        extension = "json" if name.endswith("110m") else "js"
        assert re.search(rf'"/static/{name}{hashed}\.{extension}"', html), name


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    for url in ("/en/network/map/", "/en/network/map.svg"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
