"""The network's reference files: loaded exactly, idempotent, and errors as file:line: reason."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from passerelle.core.models import ChangeRecord, Citation
from passerelle.core.reference.errors import ReferenceDataError
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)
from passerelle.network.reference import load_network

pytestmark = pytest.mark.django_db

NETWORK_DIR = Path(settings.PROJECT_DIR) / "data" / "reference" / "network"


@pytest.fixture
def reference(reference_data: None) -> None:
    """The network as the binder describes it."""


def test_the_reference_records(reference: None) -> None:
    assert AreaOffice.objects.count() == 9
    assert Office.objects.count() == 64  # 61 overseas offices, 2 centres and Havana
    assert BiometricCollectionPoint.objects.count() == 292
    assert StaffingSnapshot.objects.count() == 64
    countries = {c for c in BiometricCollectionPoint.objects.values_list("country", flat=True)}
    assert Jurisdiction.objects.values("country").distinct().count() == len(countries) == 110
    assert not AreaOffice.objects.filter(illustrative=True).exists()
    for model in (Office, BiometricCollectionPoint, StaffingSnapshot, Jurisdiction):
        assert not model.objects.filter(illustrative=False).exists(), model
    london = AreaOffice.objects.get(slug="london")
    assert (london.name_en, london.name_fr, london.office.city_en) == (
        "Northern Europe",
        "Europe du Nord",
        "London",
    )
    [citation] = london.citations.all()
    assert citation.source.key == "ircc-dm-transition-binder-2024"
    cited = Citation.objects.filter(content_type__app_label="network")
    assert cited.count() == 9 + 64 + 64 + 292 + 110 + 2  # and the two notes'


def test_the_annex_notes_are_on_the_offices_they_describe(reference: None) -> None:
    """The annex's notes are data on their offices, cited to the annex itself (not "totals
    only"): the Permanent Mission to the UN in New York under London, Havana not counted for
    want of Canada-based staff, the global operations centres under their area offices, and
    the staffing report and date."""
    mission = Office.objects.get(code="un-new-york")
    assert mission.area_office is not None
    assert (mission.kind, mission.area_office.slug) == (Office.Kind.PERMANENT_MISSION, "london")
    assert "P.M. to the UN in NYC" in mission.note_en
    assert "Mission permanente du Canada auprès des Nations Unies" in mission.note_fr
    havana = Office.objects.get(code="havana")
    assert havana.note_en == (
        "Havana is not included as an overseas office as it does not have Canadian-based staff."
    )
    assert havana.note_fr.startswith("La Havane n’est pas comptée")
    assert (havana.staffing.get().canada_based, havana.staffing.get().locally_engaged > 0) == (
        0,
        True,
    )
    for office in (mission, havana):
        [note] = office.citations.filter(field="note")
        assert note.source.key == "ircc-dm-transition-binder-2024"
        assert note.locator_en == "Annex – Map of IRCC Missions and Biometric Points of Service"
    centres = Office.objects.filter(kind=Office.Kind.GLOBAL_OPERATIONS_CENTRE)
    assert {(c.name_en, c.name_fr, getattr(c.area_office, "slug", "")) for c in centres} == {
        (
            "Bucharest Global Operations Centre",
            "Centre des opérations mondiales de Bucarest",
            "paris",
        ),
        ("Manila Global Operations Centre", "Centre des opérations mondiales de Manille", "manila"),
    }
    reports = set(StaffingSnapshot.objects.values_list("report_en", "report_fr", "as_of"))
    assert reports == {("GN Staff on Strength", "Effectif en poste (GN)", date(2024, 2, 1))}


def test_a_second_load_writes_nothing(reference: None) -> None:
    before = ChangeRecord.objects.count()
    with transaction.atomic():
        counts = load_network(NETWORK_DIR)
    assert ChangeRecord.objects.count() == before
    assert all(label.endswith("unchanged") for label in counts), counts
    assert counts["office unchanged"] == 64


def test_a_changed_value_is_the_only_write(reference: None, tmp_path: Path) -> None:
    copy = tmp_path / "network"
    shutil.copytree(NETWORK_DIR, copy)
    staffing = copy / "staffing.csv"
    staffing.write_text(
        staffing.read_text().replace("washington,2024-02-01,12,", "washington,2024-02-01,13,")
    )
    before = ChangeRecord.objects.count()
    with transaction.atomic():
        counts = load_network(copy)
    assert counts["staffing snapshot updated"] == 1
    assert ChangeRecord.objects.count() == before + 1


def test_errors_name_file_line_and_reason(reference: None, tmp_path: Path) -> None:
    copy = tmp_path / "network"
    shutil.copytree(NETWORK_DIR, copy)
    offices = copy / "offices.csv"
    lines = offices.read_text().splitlines()
    lines[2] = lines[2].replace(",USA,", ",XXX,").replace("40.7143", "140.7")
    lines.append(lines[1])  # a duplicate code
    offices.write_text("\n".join(lines) + "\n")
    (copy / "points.csv").unlink()
    with pytest.raises(ReferenceDataError) as raised:
        load_network(copy)
    messages = [str(problem) for problem in raised.value.problems]
    assert f"{offices}:3: country: unknown country 'XXX'" in messages
    assert f"{offices}:3: latitude: 140.7 is outside -90 to 90" in messages
    assert f"{offices}:{len(lines)}: code: duplicate of line 2" in messages
    assert f"{copy / 'points.csv'}:1: missing file" in messages
