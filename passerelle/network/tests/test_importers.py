"""CSV import: every rejected row reported with line, column and reason; all or nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from passerelle.core.classification import Classification
from passerelle.core.importing.report import RowError
from passerelle.core.models import User
from passerelle.core.testcases import change_records
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.tests.factories import make_country
from passerelle.network.importers import import_csv
from passerelle.network.models import BiometricCollectionPoint, Office, StaffingSnapshot
from passerelle.network.tests.factories import make_area_office, make_office

pytestmark = pytest.mark.django_db

OFFICE_HEADER = (
    "code,name_en,name_fr,kind,city_en,city_fr,country,area_office,latitude,longitude,opened\n"
)


def csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


@pytest.fixture
def manager(db: None) -> User:
    return make_user(role="network manager", clearance=Classification.PROTECTED_A)


def test_valid_offices_are_written_with_change_records(manager: User) -> None:
    country = make_country()
    area = make_area_office()
    text = (
        OFFICE_HEADER
        + f"lagos,Visa office,Bureau des visas,visa_office,Lagos,Lagos,{country.iso_alpha3},"
        + f"{area.slug},6.45,3.39,2020-01-01\n"
        + f"accra,Visa office,Bureau,visa_office,Accra,Accra,{country.iso_alpha2},,5.6,-0.2,\n"
    )
    report = import_csv("offices", csv(text), user=manager)
    assert report.ok, report.errors
    assert (report.rows, report.created) == (2, 2)
    lagos = Office.objects.get(code="lagos")
    assert lagos.area_office == area and lagos.country == country
    [record] = change_records(lagos, "create")
    assert (record.actor, record.user) == ("import:network", manager)
    again = import_csv("offices", csv(text), user=manager)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_every_bad_row_is_reported_and_nothing_is_written(manager: User) -> None:
    country = make_country()
    text = (
        OFFICE_HEADER
        + f"good,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,1,1,\n"
        + "bad-country,Office,Bureau,visa_office,A,A,QQQ,,1,1,\n"
        + f"bad-coords,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,95,200,\n"
        + f"bad-area,Office,Bureau,visa_office,A,A,{country.iso_alpha3},nowhere,1,1,\n"
        + f"bad-date,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,1,1,2024-13-01\n"
        + f"good,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,1,1,\n"
        + f"bad-kind,Office,Bureau,embassy,A,A,{country.iso_alpha3},,1,1,\n"
    )
    report = import_csv("offices", csv(text), user=manager)
    assert not report.ok
    assert report.errors == [
        RowError(3, "country", "unknown country 'QQQ'"),
        RowError(4, "latitude", "95.0 is outside -90 to 90"),
        RowError(4, "longitude", "200.0 is outside -180 to 180"),
        RowError(5, "area_office", "unknown area office 'nowhere'"),
        RowError(6, "opened", "'2024-13-01' is not a date as YYYY-MM-DD"),
        RowError(7, "code", "duplicate of line 2"),
        RowError(
            8,
            "kind",
            "'embassy' is not one of visa_office, liaison_office, "
            "permanent_mission, global_operations_centre",
        ),
    ]
    assert not Office.objects.exists()


def test_staffing_rejects_negative_staff_and_unknown_offices(manager: User) -> None:
    office = make_office()
    text = (
        "office,as_of,canada_based,locally_engaged\n"
        f"{office.code},2024-02-01,-1,4\n"
        "nowhere,2024-02-01,1,4\n"
        f"{office.code},,1,x\n"
    )
    report = import_csv("staffing", csv(text), user=manager)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "canada_based"),
        (3, "office"),
        (4, "as_of"),
        (4, "locally_engaged"),
    ]
    assert not StaffingSnapshot.objects.exists()


def test_points_check_services_and_header(manager: User) -> None:
    country = make_country()
    header = "code,name_en,name_fr,city_en,city_fr,country,latitude,longitude,services,status\n"
    row = f"p1,Centre,Centre,A,A,{country.iso_alpha3},1,1,biometrics;teleportation,open\n"
    report = import_csv("points", csv(header + row), user=manager)
    assert report.errors == [
        RowError(
            2,
            "services",
            "'teleportation' is not one of biometrics, "
            "visa_application_centre, passport_return, medical",
        )
    ]
    report = import_csv("points", csv("code,name_en,colour\n"), user=manager)
    assert RowError(1, "country", "missing column") in report.errors
    assert RowError(1, "colour", "unknown column") in report.errors
    assert not BiometricCollectionPoint.objects.exists()


def test_nothing_above_the_importers_clearance(manager: User) -> None:
    country = make_country()
    secret = make_office(code="secret", classification=Classification.PROTECTED_B)
    text = (
        OFFICE_HEADER.strip()
        + ",classification\n"
        + f"high,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,1,1,,protected_b\n"
        + f"secret,Office,Bureau,visa_office,A,A,{country.iso_alpha3},,1,1,,unclassified\n"
    )
    report = import_csv("offices", csv(text), user=manager)
    assert [(e.row, e.column) for e in report.errors] == [(2, "classification"), (3, "code")]
    secret.refresh_from_db()
    assert secret.classification == Classification.PROTECTED_B


def test_a_viewer_may_not_import() -> None:
    with pytest.raises(PermissionDenied):
        import_csv("offices", csv(OFFICE_HEADER), user=make_user(role="viewer"))


def test_the_import_page_lists_rejected_rows(manager: User) -> None:
    client = signed_in_client(manager)
    upload = SimpleUploadedFile(
        "offices.csv", (OFFICE_HEADER + "x,O,B,visa_office,A,A,QQQ,,1,1,\n").encode()
    )
    response = client.post("/en/network/import/", {"kind": "offices", "file": upload}, follow=True)
    assert response.status_code == 200
    assert "unknown country &#x27;QQQ&#x27;" in response.content.decode()
    assert not Office.objects.exists()


def test_the_command(manager: User, tmp_path: Path) -> None:
    country = make_country()
    path = tmp_path / "offices.csv"
    path.write_text(OFFICE_HEADER + f"c1,O,B,visa_office,A,A,{country.iso_alpha3},,1,1,\n")
    out = io.StringIO()
    call_command("network-import", "offices", str(path), "--user", manager.username, stdout=out)
    assert "1 created" in out.getvalue()
    path.write_text(OFFICE_HEADER + "c2,O,B,visa_office,A,A,QQQ,,1,1,\n")
    with pytest.raises(CommandError, match="line 2, country: unknown country"):
        call_command("network-import", "offices", str(path), "--user", manager.username)


def test_an_office_note_and_a_staffing_report_are_imported_and_kept(manager: User) -> None:
    """The note (the annex's words on an office) and its own citation; the report of a
    staffing snapshot; a file without those columns leaves them as they are; an English note
    without its French is refused."""
    from passerelle.core.models import Source

    Source.objects.create(key="binder", publisher_en="IRCC", title_en="Binder")
    country = make_country()
    header = OFFICE_HEADER.strip() + ",note_en,note_fr,source,locator_en,note_locator_en\n"
    row = (
        f"havana,Visa office,Bureau,visa_office,Havana,La Havane,{country.iso_alpha3},,23.1,-82.4,"
    )
    text = header + row + ",Not counted.,Non comptée.,binder,Annex (totals only),Annex\n"
    report = import_csv("offices", csv(text), user=manager)
    assert report.ok, report.errors
    havana = Office.objects.get(code="havana")
    assert (havana.note_en, havana.note_fr) == ("Not counted.", "Non comptée.")
    assert {(c.field, c.locator_en) for c in havana.citations.all()} == {
        ("", "Annex (totals only)"),
        ("note", "Annex"),
    }
    without = import_csv("offices", csv(OFFICE_HEADER + row + "\n"), user=manager)
    assert without.ok and Office.objects.get(code="havana").note_en == "Not counted."
    english_only = import_csv("offices", csv(header + row + ",Not counted.,,,,\n"), user=manager)
    assert [(e.column, e.reason) for e in english_only.errors] == [
        ("note_fr", "the French is required when note_en is given")
    ]
    staffing = (
        "office,as_of,canada_based,locally_engaged,report_en,report_fr\n"
        "havana,2024-02-01,0,13,GN Staff on Strength,Effectif en poste (GN)\n"
    )
    assert import_csv("staffing", csv(staffing), user=manager).ok
    snapshot = StaffingSnapshot.objects.get(office=havana)
    assert (snapshot.report_en, snapshot.report_fr) == (
        "GN Staff on Strength",
        "Effectif en poste (GN)",
    )
