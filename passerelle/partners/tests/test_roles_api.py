"""The partners' API on roles in forums over time (one chair at a time, as of a date) and on a
country's relationships from either side."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from passerelle.core.testcases import api_client
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import (
    make_forum,
    make_forum_role,
    make_organization,
    make_relationship,
)

pytestmark = pytest.mark.django_db


def test_on_15_january_2022_the_mirps_support_platform_had_one_chair(viewer: Any) -> None:
    """The binder's years, loaded as the reference loader reads them: Canada was chair, not
    chair and past chair at once."""
    from passerelle.partners.periods import year_bounds

    forum = make_forum(slug="mirps-support-platform", name_en="MIRPS Support Platform")
    canada = make_country(iso_alpha3="CAN", name_en="Canada", name_fr="Canada")
    for role, years in (("chair", (2021, 2022)), ("past_chair", (2022, 2023))):
        start, end = year_bounds(*years)
        make_forum_role(forum=forum, country=canada, role=role, start=start, end=end)
    held = api_client(viewer).get(
        "/api/v1/partners/roles/", {"forum": forum.slug, "on": "2022-01-15"}
    )
    assert [(r["role"], r["holder"]["key"], r["period"]) for r in held.json()["results"]] == [
        ("chair", "CAN", "2021-2022")
    ]


def test_a_role_that_overlaps_is_refused(analyst: Any) -> None:
    forum = make_forum()
    canada = make_country(iso_alpha3="CAN", name_en="Canada", name_fr="Canada")
    other = make_country()
    make_forum_role(
        forum=forum, country=canada, role="chair", start=date(2021, 7, 1), end=date(2022, 6, 30)
    )
    client = api_client(analyst)
    url = "/api/v1/partners/roles/"
    base = {"forum": forum.slug, "precision": "day", "end": "2023-06-30"}
    same_holder = client.post(
        url, {**base, "role": "past_chair", "country": "CAN", "start": "2022-01-01"}, format="json"
    )
    assert same_holder.status_code == 400 and "overlaps" in same_holder.json()["end"][0]
    second_chair = client.post(
        url, {**base, "role": "chair", "country": other.iso_alpha3, "start": "2022-06-01"},
        format="json",
    )  # fmt: skip
    assert second_chair.status_code == 400
    next_chair = client.post(
        url, {**base, "role": "chair", "country": other.iso_alpha3, "start": "2022-07-01"},
        format="json",
    )  # fmt: skip
    assert next_chair.status_code == 201, next_chair.json()
    another = make_country().iso_alpha3
    co_chairs = client.post(
        url, {**base, "role": "co_chair", "country": another, "start": "2022-01-01"}, format="json"
    )
    assert co_chairs.status_code == 201, "co-chairs may be several"


def test_a_countrys_relationships_include_those_where_it_is_the_counterpart(viewer: Any) -> None:
    """/relationships/?country=MEX answers the RACBI relationships Mexico's page shows."""
    mexico = make_country(iso_alpha3="MEX", name_en="Mexico", name_fr="Mexique")
    canada = make_country(iso_alpha3="CAN", name_en="Canada", name_fr="Canada")
    unhcr = make_organization(slug="unhcr")
    by_canada = make_relationship(
        country=canada, counterpart_country=mexico, kind="capacity_building"
    )
    by_unhcr = make_relationship(
        organization=unhcr, counterpart_country=mexico, kind="capacity_building"
    )
    elsewhere = make_relationship(organization=unhcr, counterpart_country=canada)
    client = api_client(viewer)
    found = client.get("/api/v1/partners/relationships/", {"country": "MEX"}).json()
    assert {r["id"] for r in found["results"]} == {by_canada.pk, by_unhcr.pk}
    of_unhcr = client.get("/api/v1/partners/relationships/", {"organization": "unhcr"}).json()
    assert {r["id"] for r in of_unhcr["results"]} == {by_unhcr.pk, elsewhere.pk}
