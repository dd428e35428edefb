"""The program's API: the generic CRUD × permission × clearance × ETag tests for projects,
envelopes and transactions, the model's rules on writes, filters, and the positions."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest
from django.db import models

from passerelle.core.classification import Classification
from passerelle.core.testcases import APICRUDTests, api_client, read_etag
from passerelle.core.testing import make_user
from passerelle.programs.models import EnvelopeAllocation, FundingEnvelope, Project, Transaction
from passerelle.programs.tests.factories import (
    make_country,
    make_envelope,
    make_organization,
    make_project,
    pay,
)


class TestEnvelopeAPI(APICRUDTests):
    model = FundingEnvelope
    list_url = "/api/v1/programs/envelopes/"
    factory = make_envelope
    lookup_field = "slug"
    edit_role = "program officer"
    create_data: ClassVar[dict[str, Any]] = {
        "slug": "climate-mobility",
        "name_en": "Climate mobility",
        "name_fr": "Mobilité climatique",
    }
    update_data: ClassVar[dict[str, Any]] = {"description_en": "Climate."}


class TestProjectAPI(APICRUDTests):
    model = Project
    list_url = "/api/v1/programs/projects/"
    factory = make_project
    edit_role = "program officer"
    update_data: ClassVar[dict[str, Any]] = {"status": "closed"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "title_en": "Asylum capacity",
            "title_fr": "Capacité d’asile",
            "description_en": "Asylum.",
            "description_fr": "Asile.",
            "reference_number": "039-2024-2025-Q2-00077",
            "recipient": make_organization().slug,
            "envelope": make_envelope().slug,
            "countries": [make_country().iso_alpha3],
            "value_cad": "250000.00",
            "start_date": "2024-07-01",
            "end_date": "2025-06-30",
        }


class TestTransactionAPI(APICRUDTests):
    model = Transaction
    list_url = "/api/v1/programs/transactions/"
    edit_role = "program officer"
    update_data: ClassVar[dict[str, Any]] = {"description_en": "Second tranche"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "project": make_project().pk,
            "kind": "disbursement",
            "date": "2024-09-01",
            "value": "1000.00",
        }

    def make(self, **fields: Any) -> models.Model:
        project = fields.pop("project", None) or make_project()
        return Transaction.objects.create(
            project=project,
            kind="disbursement",
            date=date(2024, 6, 1),
            value=10,
            value_cad=10,
            **fields,
        )


@pytest.fixture
def officer_api(db: None) -> Any:
    return api_client(make_user(role="program officer", clearance=Classification.PROTECTED_B))


@pytest.mark.django_db
def test_writes_follow_the_models_rules_and_write_nothing_when_broken(officer_api: Any) -> None:
    project = make_project(start_date=date(2024, 4, 1), end_date=date(2025, 3, 31))
    url = "/api/v1/programs/transactions/"
    outside = {"project": project.pk, "kind": "disbursement", "date": "2025-06-01", "value": "5"}
    response = officer_api.post(url, outside, format="json")
    assert response.status_code == 400 and "date" in response.json()
    foreign = {**outside, "date": "2024-06-01", "currency": "USD"}
    response = officer_api.post(url, foreign, format="json")
    assert response.status_code == 400 and "value_cad" in response.json()
    assert not Transaction.objects.exists()
    pay(project, "90000", date(2024, 6, 1))
    low = {
        "project": project.pk,
        "number": 1,
        "date": "2024-08-01",
        "total_value_cad": "1000.00",
        "reason_en": "Cut",
        "reason_fr": "Coupure",
    }
    response = officer_api.post("/api/v1/programs/amendments/", low, format="json")
    assert response.status_code == 400 and "total_value_cad" in response.json()
    envelope = make_envelope()
    year = {"envelope": envelope.slug, "fiscal_year": "2024-2025", "amount_cad": "1"}
    response = officer_api.post("/api/v1/programs/allocations/", year, format="json")
    assert response.status_code == 400 and "2024-25" in str(response.json()["fiscal_year"])
    assert not EnvelopeAllocation.objects.exists()


@pytest.mark.django_db
def test_projects_filter_by_envelope_country_fiscal_year_and_status(officer_api: Any) -> None:
    americas = make_envelope(slug="americas")
    mexico = make_country()
    shown = make_project(envelope=americas, start_date=date(2024, 5, 1), end_date=date(2025, 2, 1))
    shown.countries.set([mexico])
    make_project(start_date=date(2022, 5, 1), end_date=date(2023, 2, 1))
    query = {"envelope": "americas", "country": "MEX", "fiscal_year": "2024-25", "status": "active"}
    found = officer_api.get("/api/v1/programs/projects/", query).json()
    assert [p["reference_number"] for p in found["results"]] == [shown.reference_number]
    assert officer_api.get("/api/v1/programs/projects/", {"fiscal_year": "2024"}).status_code == 400


@pytest.mark.django_db
def test_positions_give_allocated_committed_and_disbursed(officer_api: Any) -> None:
    envelope = make_envelope(slug="core")
    EnvelopeAllocation.objects.create(envelope=envelope, fiscal_year="2024-25", amount_cad=500)
    project = make_project(envelope=envelope)
    project.budget_lines.create(fiscal_year="2024-25", amount_cad=300)
    pay(project, "120", date(2024, 6, 1))
    pay(project, "20", date(2025, 3, 1), kind="refund")
    pay(project, "50", date(2025, 4, 1))  # next fiscal year
    rows = officer_api.get("/api/v1/programs/positions/", {"fiscal_year": "2024-25"}).json()
    first = rows["results"][0]
    assert (first["envelope"], first["allocated"], first["committed"]) == (
        "core",
        "500.00",
        "300.00",
    )
    assert first["disbursed"] == "100.00" and first["to_disburse"] == "200.00"
    assert (
        officer_api.get("/api/v1/programs/positions/", {"fiscal_year": "24-25"}).status_code == 400
    )


@pytest.mark.django_db
def test_totals_by_recipient_and_country_for_a_fiscal_year(officer_api: Any) -> None:
    project = make_project()
    project.countries.set([make_country()])
    project.budget_lines.create(fiscal_year="2024-25", amount_cad=300)
    pay(project, "120", date(2024, 6, 1))
    query = {"by": "recipient", "fiscal_year": "2024-25"}
    rows = officer_api.get("/api/v1/programs/totals/", query).json()["results"]
    assert rows == [
        {
            "recipient": project.recipient.slug,
            "name": project.recipient.name,
            "committed": "300.00",
            "disbursed": "120.00",
            "to_disburse": "180.00",
        }
    ]
    query["by"] = "country"
    rows = officer_api.get("/api/v1/programs/totals/", query).json()["results"]
    assert [(r["country"], r["to_disburse"]) for r in rows] == [("MEX", "180.00")]
    assert officer_api.get("/api/v1/programs/totals/", {"by": "envelope"}).status_code == 400


@pytest.mark.django_db
def test_an_etag_guards_a_project_edit(officer_api: Any) -> None:
    project = make_project()
    url = f"/api/v1/programs/projects/{project.pk}/"
    etag = read_etag(officer_api, url)
    ok = officer_api.patch(url, {"status": "closed"}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200
    stale = officer_api.patch(url, {"status": "active"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


@pytest.mark.django_db
def test_the_publications_download_from_the_api(reference_data: None, officer_api: Any) -> None:
    make_project(published=True)
    activities = officer_api.get("/api/v1/programs/iati/activities/")
    assert activities.status_code == 200 and activities["Content-Type"] == "application/xml"
    assert b"<iati-activities" in activities.content
    organisation = officer_api.get("/api/v1/programs/iati/organisation/")
    assert organisation.status_code == 200
    nil = officer_api.get("/api/v1/programs/disclosure/", {"quarter": "2019-20-Q1"})
    assert nil.status_code == 200 and nil.content.startswith(b"\xef\xbb\xbffiscal_year,quarter")
    assert officer_api.get("/api/v1/programs/disclosure/", {"quarter": "2019Q1"}).status_code == 400
