"""The program's pages: every declared page answers, lists filter and export, a program officer
records a project with its amendments, transactions and results, bad input is refused with a
clear error and nothing written, and a viewer reads but does not edit."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.programs.demo import load_demo
from passerelle.programs.disclosure.layout import row_errors
from passerelle.programs.iati.schema import ACTIVITIES, errors_of
from passerelle.programs.models import Amendment, Project, Transaction
from passerelle.programs.tests.factories import pay


@pytest.fixture
def officer(db: None) -> User:
    return make_user(role="program officer", clearance=Classification.PROTECTED_B)


@pytest.fixture
def officer_client(officer: User) -> Client:
    return signed_in_client(officer)


@pytest.fixture
def demo(reference_data: None) -> None:
    load_demo(count=8)


@pytest.mark.django_db
def test_every_page_of_a_project_answers_in_both_languages(
    demo: None, officer_client: Client
) -> None:
    project: Any = Project.objects.filter(results__isnull=False).first()
    assert project is not None
    pages = [
        "/en/programs/",
        "/fr/programs/",
        "/en/programs/projects/",
        f"/en/programs/projects/{project.pk}/",
        f"/fr/programs/projects/{project.pk}/",
        f"/en/programs/projects/{project.pk}/edit/",
        f"/en/programs/projects/{project.pk}/history/",
        f"/en/programs/projects/{project.pk}/delete/",
        "/en/programs/projects/add/",
        "/en/programs/envelopes/",
        "/en/programs/envelopes/americas/",
        "/en/programs/initiatives/",
        "/en/programs/initiatives/mirps-support-platform/",
        f"/en/programs/transactions/add/?project={project.pk}",
        f"/en/programs/results/add/?project={project.pk}",
        "/en/programs/publication/",
    ]
    for url in pages:
        response = officer_client.get(url)
        assert response.status_code == 200, url
    page = officer_client.get(f"/en/programs/projects/{project.pk}/").content.decode()
    assert project.reference_number in page
    assert "illustrative" in page
    indicator = project.results.first().indicators.first()
    assert indicator.title_en in page, "the results panel shows the indicators"


@pytest.mark.django_db
def test_the_project_list_filters_by_envelope_and_fiscal_year_and_exports_csv(
    demo: None, officer_client: Client
) -> None:
    response = officer_client.get(
        "/en/programs/projects/", {"envelope": "americas", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    header = next(i for i, r in enumerate(rows) if "G&C reference number" in r)
    body = rows[header + 1 :]
    expected = Project.objects.filter(envelope__slug="americas").count()
    assert expected and len(body) == expected
    bad = officer_client.get("/en/programs/projects/", {"fiscal_year": "2024-2025"})
    assert "2024-25" in bad.content.decode(), "a fiscal year written otherwise is a form error"


@pytest.mark.django_db
def test_a_program_officer_records_a_project_and_its_money(
    reference_data: None, officer_client: Client
) -> None:
    from passerelle.partners.models import Organization
    from passerelle.programs.models import FundingEnvelope

    envelope = FundingEnvelope.objects.get(slug="americas")
    unhcr = Organization.objects.get(slug="unhcr")
    response = officer_client.post(
        "/en/programs/projects/add/",
        {
            "title_en": "Asylum capacity in Mexico",
            "title_fr": "Capacité d’asile au Mexique",
            "reference_number": "039-2024-2025-Q3-00001",
            "recipient": unhcr.pk,
            "recipient_type": "I",
            "envelope": envelope.pk,
            "agreement_type": "G",
            "value_cad": "500000",
            "start_date": "2024-10-01",
            "end_date": "2026-03-31",
            "status": "active",
            "description_en": "Strengthen COMAR's asylum processing.",
            "description_fr": "Renforcer le traitement des demandes d’asile de la COMAR.",
            "classification": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(reference_number="039-2024-2025-Q3-00001")
    before = Transaction.objects.count()
    late = officer_client.post(
        "/en/programs/transactions/add/",
        {
            "project": project.pk,
            "kind": "disbursement",
            "date": "2026-04-01",
            "value": "1000",
            "currency": "CAD",
            "classification": "0",
        },
    )
    assert late.status_code == 400
    assert "outside the project" in late.content.decode()
    assert Transaction.objects.count() == before, "nothing written"
    paid = officer_client.post(
        "/en/programs/transactions/add/",
        {
            "project": project.pk,
            "kind": "disbursement",
            "date": "2024-11-15",
            "value": "300000",
            "currency": "CAD",
            "classification": "0",
        },
    )
    assert paid.status_code == 302 and paid["Location"] == project.get_absolute_url()
    low = officer_client.post(
        "/en/programs/amendments/add/",
        {
            "project": project.pk,
            "number": "1",
            "date": "2025-01-10",
            "total_value_cad": "200000",
            "reason_en": "Scope reduced",
            "reason_fr": "Portée réduite",
            "classification": "0",
        },
    )
    assert low.status_code == 400 and "already disbursed" in low.content.decode()
    assert not Amendment.objects.filter(project=project).exists()
    ok = officer_client.post(
        "/en/programs/amendments/add/",
        {
            "project": project.pk,
            "number": "1",
            "date": "2025-01-10",
            "total_value_cad": "650000",
            "reason_en": "Scope extended",
            "reason_fr": "Portée élargie",
            "classification": "0",
        },
    )
    assert ok.status_code == 302
    assert project.current_value() == Decimal(650_000)
    assert ChangeRecord.objects.filter(object_id=str(project.pk)).exists(), "the change log"

    # Its results on one page, then the envelope's position, then both files, each valid.
    results = officer_client.post(
        f"/en/programs/projects/{project.pk}/results/",
        {
            "r-new-p-kind": "1",
            "r-new-p-title_en": "Claims decided",
            "r-new-p-title_fr": "Demandes tranchées",
            "i-new-r-new-p-title_en": "Claims decided by COMAR",
            "i-new-r-new-p-title_fr": "Demandes tranchées par la COMAR",
            "i-new-r-new-p-measure": "1",
            "i-new-r-new-p-ascending": "on",
            "p-new-i-new-r-new-p-start": "2024-10-01",
            "p-new-i-new-r-new-p-end": "2025-03-31",
            "p-new-i-new-r-new-p-target_value": "5000",
            "p-new-i-new-r-new-p-actual_value": "5200",
        },
    )
    assert results.status_code == 302
    project.budget_lines.create(fiscal_year="2024-25", amount_cad=400_000)
    position = officer_client.get(envelope.get_absolute_url()).content.decode()
    assert "2024-25" in position and "$300,000.00" in position and "$100,000.00" in position
    project.published = True
    project.iati_identifier = "XM-DAC-301-039-2024-2025-Q3-00001"
    project.save()
    iati = officer_client.get("/en/programs/publication/?file=iati-activities")
    assert iati.status_code == 200 and not errors_of(iati.content, ACTIVITIES)
    assert b"Claims decided by COMAR" in iati.content
    disclosure = officer_client.get("/en/programs/publication/?quarter=2024-25-Q3")
    assert "recipient_city: required (039-2024-2025-Q3-00001)" in disclosure.content.decode(), (
        "the project that would break the layout is named, with the column and the reason"
    )
    project.recipient_city_en, project.recipient_city_fr = "Geneva", "Genève"
    project.save()
    disclosure = officer_client.get("/en/programs/publication/?quarter=2024-25-Q3")
    assert disclosure["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(disclosure.content.decode("utf-8-sig"))))
    assert [r["ref_number"] for r in rows] == ["039-2024-2025-Q3-00001"]
    assert not row_errors(rows[0], 2), "valid by the layout's rules"


@pytest.mark.django_db
def test_deleting_a_transaction_returns_to_its_project(
    reference_data: None, officer_client: Client
) -> None:
    from passerelle.programs.tests.factories import make_project

    project = make_project()
    transaction = pay(project, "10", date(2024, 6, 1))
    response = officer_client.post(
        f"/en/programs/transactions/{transaction.pk}/delete/", {"version": transaction.version}
    )
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert not Transaction.objects.filter(pk=transaction.pk).exists()


@pytest.mark.django_db
def test_a_viewer_reads_the_program_but_does_not_edit_it(demo: None, viewer_client: Client) -> None:
    project: Any = Project.objects.first()
    assert viewer_client.get(f"/en/programs/projects/{project.pk}/").status_code == 200
    assert viewer_client.get(f"/en/programs/projects/{project.pk}/edit/").status_code == 403
    page = viewer_client.get(f"/en/programs/projects/{project.pk}/").content.decode()
    assert "/transactions/add/" not in page


@pytest.mark.django_db
def test_the_country_page_has_a_capacity_building_panel(demo: None, viewer_client: Client) -> None:
    project: Any = Project.objects.filter(countries__isnull=False).first()
    country = project.countries.first()
    page = viewer_client.get(f"/en/geo/{country.iso_alpha3}/").content.decode()
    assert "Capacity building" in page and project.title_en in page
