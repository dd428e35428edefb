"""The read-only API: the catalogue and observations filtered by indicator, geography, period."""

from __future__ import annotations

import pytest

from passerelle.core.testcases import APIReadTests, api_client
from passerelle.core.testing import make_user
from passerelle.indicators.models import Indicator, Observation
from passerelle.indicators.tests.factories import (
    import_fixture,
    make_indicator,
    make_observation,
)


class TestIndicatorAPI(APIReadTests):
    model = Indicator
    list_url = "/api/v1/indicators/"
    factory = make_indicator


class TestObservationAPI(APIReadTests):
    model = Observation
    list_url = "/api/v1/indicators/observations/"
    factory = make_observation


@pytest.mark.django_db
def test_observations_filtered_by_indicator_geography_and_period() -> None:
    import_fixture("unhcr-population", "unhcr_population_api.csv")
    client = api_client(make_user(role="viewer"))
    url = "/api/v1/indicators/observations/"
    response = client.get(
        url, {"indicator": "unhcr.refugees.asylum", "geography": "can", "period": "2022"}
    )
    [row] = response.json()["results"]
    assert row["value"] == 1257 and row["source"]["release"] == "data to end-2023"
    assert row["retrieved"] == "2026-11-20"
    import_fixture("unhcr-population", "unhcr_population_api.json", release="2024")
    params = {"indicator": "unhcr.refugees.asylum", "geography": "CAN", "period": "2022"}
    [current] = client.get(url, params).json()["results"]
    assert current["value"] == 2511
    [old] = client.get(url, {**params, "superseded": "true"}).json()["results"]
    assert old["value"] == 1257


@pytest.mark.django_db
def test_totals_without_breakdown_on_request() -> None:
    """`?total=true`: the totals only; `?total=false`: the breakdowns only; documented."""
    indicator = make_indicator(code="refugees")
    total = make_observation(indicator=indicator)
    women = make_observation(indicator=indicator, breakdown="sex=female", value=600.0)
    client = api_client(make_user(role="viewer"))
    url = "/api/v1/indicators/observations/"

    def ids(**query: str) -> set[int]:
        response = client.get(url, query)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {total.pk, women.pk}
    assert ids(total="true") == {total.pk}
    assert ids(total="false") == {women.pk}
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = schema["paths"]["/api/v1/indicators/observations/"]["get"]["parameters"]
    [documented] = [p for p in parameters if p["name"] == "total"]
    assert documented["schema"]["type"] == "boolean"
    assert "without a breakdown" in documented["description"]
