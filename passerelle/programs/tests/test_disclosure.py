"""The proactive disclosure of grants and contributions: a quarter's CSV exactly in the
open.canada.ca layout (compared with grants.yaml where ../shared holds it), checked against its
rules before it is written, the nil report for an empty quarter, and the all-or-nothing import
with every bad row's row, column and reason."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from passerelle.core.importing.report import RowError
from passerelle.programs.disclosure.export import DisclosureError, quarter_file
from passerelle.programs.disclosure.imports import import_quarter
from passerelle.programs.disclosure.layout import (
    AGREEMENT_TYPES,
    COLUMNS,
    PROVINCES,
    RECIPIENT_TYPES,
)
from passerelle.programs.models import Amendment, Project
from passerelle.programs.tests.factories import make_country, make_organization, make_project

GRANTS = (
    Path(settings.PROJECT_DIR).parent / "shared" / "data" / "gc-grants-disclosure" / "grants.yaml"
)


def _disclosed(**fields: object) -> Project:
    canada = make_country("CHE", "CH")
    recipient = make_organization(name_en="UNHCR", name_fr="HCR", headquarters=canada)
    values: dict[str, object] = {
        "recipient": recipient,
        "recipient_city_en": "Geneva",
        "recipient_city_fr": "Genève",
        "start_date": date(2024, 10, 15),
        "end_date": date(2026, 3, 31),
        "reference_number": "039-2024-2025-Q3-00001",
    }
    project = make_project(**{**values, **fields})
    project.countries.set([make_country("MEX", "MX", name_en="Mexico", name_fr="Mexique")])
    return project


def _rows(document: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(document.decode("utf-8-sig"))))


@pytest.mark.skipif(not GRANTS.exists(), reason="../shared/data/gc-grants-disclosure is not here")
def test_the_layout_is_grants_yaml() -> None:
    definition = yaml.safe_load(GRANTS.read_text(encoding="utf-8"))
    fields = definition["resources"][0]["fields"]
    published = [f["datastore_id"] for f in fields if f.get("import_template_include", True)]
    assert tuple(published) == COLUMNS
    choices = {f["datastore_id"]: set(f.get("choices", {})) for f in fields}
    assert choices["agreement_type"] == set(AGREEMENT_TYPES)
    assert choices["recipient_type"] == set(RECIPIENT_TYPES)
    assert choices["recipient_province"] == set(PROVINCES)
    nil = [
        f["datastore_id"]
        for f in definition["resources"][1]["fields"]
        if f.get("import_template_include", True)
    ]
    assert nil == ["fiscal_year", "quarter"]


@pytest.mark.django_db
def test_a_quarter_is_written_in_the_layout_with_its_amendments() -> None:
    project = _disclosed()
    Amendment.objects.create(
        project=project,
        number=1,
        date=date(2024, 12, 1),
        total_value_cad=Decimal(150_000),
        reason_en="More",
        reason_fr="Plus",
    )
    document, nil, _illustrative = quarter_file("2024-25-Q3")
    assert document.startswith(b"\xef\xbb\xbf") and not nil
    header = document.decode("utf-8-sig").splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
    original, amendment = _rows(document)
    assert (original["amendment_number"], original["agreement_value"]) == ("0", "100000.00")
    assert (amendment["amendment_number"], amendment["agreement_value"]) == ("1", "150000.00")
    assert amendment["amendment_date"] == "2024-12-01"
    assert original["recipient_legal_name"] == "UNHCR|HCR"
    assert original["recipient_city"] == "Geneva|Genève"
    assert original["coverage"] == "Mexico|Mexique" and original["recipient_country"] == "CH"


@pytest.mark.django_db
def test_an_empty_quarter_gives_the_nil_report() -> None:
    document, nil, _illustrative = quarter_file("2019-20-Q2")
    assert nil and document == "\ufefffiscal_year,quarter\r\n2019-2020,Q2\r\n".encode()


@pytest.mark.django_db
def test_a_project_breaking_the_rules_is_named_and_nothing_is_written() -> None:
    _disclosed(recipient_city_en="", recipient_city_fr="")
    with pytest.raises(DisclosureError) as raised:
        quarter_file("2024-25-Q3")
    assert "recipient_city" in str(raised.value) and "039-2024-2025-Q3-00001" in str(raised.value)
    with pytest.raises(DisclosureError):
        quarter_file("2024-Q3")


@pytest.mark.django_db
def test_import_is_all_or_nothing_with_row_column_and_reason(reference_data: None) -> None:
    _disclosed()
    document, _nil, _illustrative = quarter_file("2024-25-Q3")
    rows = _rows(document)
    Project.objects.all().delete()
    bad = [
        dict(rows[0]),
        {**rows[0], "ref_number": "039-2024-2025-Q3-00002", "agreement_type": "X"},
    ]
    bad[0]["ref_number"] = "39-2024-2025-Q3-1"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(bad)
    with pytest.raises(DisclosureError) as raised:
        import_quarter(buffer.getvalue().encode("utf-8-sig"), file="q3.csv")
    message = str(raised.value)
    assert "q3.csv, line 2, ref_number" in message and "q3.csv, line 3, agreement_type" in message
    assert all(isinstance(e, RowError) for e in raised.value.errors), "the kernel's RowError"
    assert not Project.objects.exists()
    report = import_quarter(document)
    assert report.projects == 1
    imported = Project.objects.get(reference_number="039-2024-2025-Q3-00001")
    assert imported.recipient_city_fr == "Genève" and imported.envelope.slug == "core"
    assert quarter_file("2024-25-Q3")[0] == document, "exported again, the same file"
    assert import_quarter("\ufefffiscal_year,quarter\r\n2019-2020,Q2\r\n".encode()).nil
