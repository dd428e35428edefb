"""The operations API: service standards (administrators), signals (read), aggregates."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from passerelle.core.testcases import APICRUDTests, APIReadTests, api_client
from passerelle.core.testing import make_user
from passerelle.operations import disparity as disparity_module
from passerelle.operations.models import IrritantSignal, ServiceStandard
from passerelle.operations.tests.factories import make_signal
from passerelle.operations.tests.reference import expected, raw_rows


class TestServiceStandardAPI(APICRUDTests):
    model = ServiceStandard
    list_url = "/api/v1/operations/service-standards/"
    edit_role = "administrator"
    create_data = {"program": "super_visa", "days": 112, "target": 0.8}
    update_data = {"days": 100}

    def make(self, **fields: Any) -> ServiceStandard:
        values: dict[str, Any] = {"program": "study_permit", "days": 60}
        values.update(fields)
        return ServiceStandard.objects.create(**values)


class TestIrritantSignalAPI(APIReadTests):
    model = IrritantSignal
    list_url = "/api/v1/operations/signals/"
    factory = make_signal


@pytest.mark.django_db
def test_analysts_cannot_edit_standards() -> None:
    client = api_client(make_user(role="analyst"))
    response = client.post(
        "/api/v1/operations/service-standards/", {"program": "super_visa", "days": 5}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_rollup_endpoint(built_store: pa.Table) -> None:
    client = api_client(make_user(role="viewer"))
    response = client.get(
        "/api/v1/operations/rollup/",
        {"citizenship": "ind", "year": "2024", "program": "visitor_visa"},
    )
    assert response.status_code == 200
    body = response.json()
    want = expected(raw_rows(built_store), citizenship="IND", year=2024, program="visitor_visa")
    assert body["decided"] == want["decided"] and body["illustrative"] is True
    assert body["median_days"] == pytest.approx(want["median_days"])
    assert body["p80_days"] == pytest.approx(want["p80_days"])
    assert client.get("/api/v1/operations/rollup/", {"program": "nope"}).status_code == 400
    assert api_client(make_user(role=None)).get("/api/v1/operations/rollup/").status_code == 403


@pytest.mark.django_db
def test_aggregate_endpoints(built_store: pa.Table, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disparity_module, "MINIMUM_DECISIONS", 20)
    ServiceStandard.objects.create(program="visitor_visa", days=30)
    client = api_client(make_user(role="viewer"))
    breakdown = client.get("/api/v1/operations/breakdown/", {"by": "program", "year": "2024"})
    assert breakdown.status_code == 200
    rows = raw_rows(built_store)
    for row in breakdown.json()["results"]:
        assert row["decided"] == expected(rows, program=row["program"], year=2024)["decided"]
    inventory = client.get("/api/v1/operations/inventory/", {"citizenship": "IND"}).json()
    assert inventory["results"][-1]["month"] == 202512
    compliance = client.get("/api/v1/operations/compliance/", {"by": "citizenship"}).json()
    india = next(r for r in compliance["results"] if r["citizenship"] == "IND")
    visitor = [r for r in rows if r["citizenship"] == "IND" and r["program"] == "visitor_visa"
               and r["decision"] in ("approved", "refused")]  # fmt: skip
    assert india["decisions"] == len(visitor)
    assert india["within"] == sum(r["days"] <= 30 for r in visitor)
    disparity = client.get("/api/v1/operations/disparity/").json()
    assert disparity["results"] and 0 < disparity["global_rate"] < 1


@pytest.mark.django_db
def test_breakdown_by_decision_year(built_store: pa.Table) -> None:
    """Grouped by year, from the roll-up and from one citizenship's records alike."""
    client = api_client(make_user(role="viewer"))
    rows = raw_rows(built_store)
    for query in ({}, {"citizenship": "IND"}):
        response = client.get("/api/v1/operations/breakdown/", {"by": "decision_year", **query})
        assert response.status_code == 200, response.content
        found = {r["decision_year"]: r["decided"] for r in response.json()["results"]}
        years = {r["month"] // 100 for r in rows if r["month"]}
        assert set(found) <= years and found
        for year, decided in found.items():
            assert (
                decided
                == expected(rows, year=year, **{k.lower(): v for k, v in query.items()})["decided"]
            )
