"""The network's reference files: loaded exactly, idempotent, and errors as file:line: reason."""

from __future__ import annotations

import shutil
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
    assert cited.count() == 9 + 64 + 64 + 292 + 110


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
