"""The import limits (core/uploads.py) on every import path: the network and engagements CSV
pages and commands, and the indicators upload page and command. Each refusal names the limit and
what the file holds, in both languages, and writes nothing."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.importing import files, importer, records
from passerelle.core.models import User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements import importers as engagement_importers
from passerelle.engagements.models import Engagement
from passerelle.geo.tests.factories import make_country
from passerelle.indicators.importers import ImportFailed, run_import
from passerelle.indicators.models import ImportRun, Observation
from passerelle.network import importers as network_importers
from passerelle.network.models import Office

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "indicators" / "tests" / "fixtures"
OFFICE_HEADER = "code,name_en,name_fr,kind,city_en,city_fr,country,latitude,longitude\n"
ENGAGEMENT_HEADER = "title_en,title_fr,start_date,kind,channel\n"


def offices(rows: int, country: str = "MEX") -> str:
    lines = [f"o{i},O{i},B{i},visa_office,T,V,{country},1,2\n" for i in range(rows)]
    return OFFICE_HEADER + "".join(lines)


def engagements(rows: int) -> str:
    lines = [f"Talks {i},Pourparlers {i},2024-03-01,bilateral,in_person\n" for i in range(rows)]
    return ENGAGEMENT_HEADER + "".join(lines)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Outside a request the active language is whatever an earlier test left: pin it."""
    with translation.override("en"):
        yield


@pytest.fixture
def manager(db: None) -> User:
    make_country(iso_alpha3="MEX", iso_alpha2="MX")
    return make_user(role="network manager", clearance=Classification.PROTECTED_B)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user(role="analyst", clearance=Classification.PROTECTED_B)


# --- Network and engagements CSV: rows and size -------------------------------------------------


@override_settings(IMPORT_MAX_ROWS=5)
def test_a_network_file_over_the_row_limit_is_refused_and_says_both_numbers(manager) -> None:
    report = network_importers.import_csv("offices", io.BytesIO(offices(8).encode()), user=manager)
    assert [str(e.reason) for e in report.errors] == [
        "The file has 8 rows; an import takes at most 5 rows. Split it into smaller files."
    ]
    assert not Office.objects.exists()
    ok = network_importers.import_csv("offices", io.BytesIO(offices(5).encode()), user=manager)
    assert ok.ok and ok.created == 5, "a file at the limit is imported"


@override_settings(IMPORT_MAX_BYTES=2_000_000)
def test_a_network_file_over_the_size_limit_is_refused_before_it_is_read(manager) -> None:
    handle = io.BytesIO(offices(10).encode() + b"x" * 2_500_000)
    report = network_importers.import_csv("offices", handle, user=manager)
    assert [e.reason for e in report.errors] == [
        "The file is 2.5 MB; an import takes files of at most 2.0 MB."
    ]
    assert handle.tell() == 2_000_001, "no more than the limit and a byte is read"
    assert not Office.objects.exists()


@override_settings(IMPORT_MAX_ROWS=3)
def test_an_engagements_file_over_the_row_limit_is_refused(analyst) -> None:
    report = engagement_importers.import_csv(
        "engagements", io.BytesIO(engagements(4).encode()), user=analyst
    )
    assert "The file has 4 rows; an import takes at most 3 rows." in report.errors[0].reason
    assert not Engagement.objects.exists()


@override_settings(IMPORT_MAX_ROWS=3)
def test_the_commands_refuse_the_same_files(manager, analyst, tmp_path: Path) -> None:
    network_file, engagements_file = tmp_path / "offices.csv", tmp_path / "engagements.csv"
    network_file.write_text(offices(4))
    engagements_file.write_text(engagements(4))
    with pytest.raises(CommandError, match="The file has 4 rows; an import takes at most 3"):
        call_command("network-import", "offices", str(network_file), user=manager.username)
    with pytest.raises(CommandError, match="The file has 4 rows; an import takes at most 3"):
        call_command(
            "engagements-import", "engagements", str(engagements_file), user=analyst.username
        )
    assert not Office.objects.exists() and not Engagement.objects.exists()


@override_settings(IMPORT_MAX_BYTES=2_000_000)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_upload_pages_refuse_a_file_over_the_size_limit(manager, language: str) -> None:
    admin = signed_in_client(make_user(role="administrator"))
    big = b"x" * 2_500_000
    pages = [
        (signed_in_client(manager), f"/{language}/network/import/", {"kind": "offices"}),
        (admin, f"/{language}/engagements/import/", {"kind": "engagements"}),
        (admin, f"/{language}/indicators/import/", {"kind": "dtm"}),
    ]
    expected = {
        "en": "The file is 2.5 MB; an import takes files of at most 2.0 MB.",
        "fr": "Le fichier fait 2,5 Mo; une importation accepte des fichiers d’au plus 2,0 Mo.",
    }[language]
    for client, url, data in pages:
        response = client.post(url, {**data, "file": SimpleUploadedFile("f.csv", big)})
        assert response.status_code == 200, url
        assert expected in response.content.decode().replace("&#x27;", "’"), url
    assert not Office.objects.exists() and not ImportRun.objects.exists()


@override_settings(IMPORT_MAX_ROWS=2)
def test_the_upload_page_shows_the_row_limit_in_french(manager) -> None:
    page = signed_in_client(manager).post(
        "/fr/network/import/",
        {"kind": "offices", "file": SimpleUploadedFile("o.csv", offices(3).encode())},
        follow=True,  # to the import job's page
    )
    text = page.content.decode()
    assert "Le fichier compte 3 lignes; une importation en accepte au plus 2." in text


# --- Indicators: values, size, workbooks ---------------------------------------------------------


def test_a_publishers_file_over_the_value_limit_is_refused(tmp_path: Path) -> None:
    too_many = "holds 2 values; an import takes at most 1 value"
    with override_settings(INDICATOR_MAX_ROWS=1), pytest.raises(ImportFailed, match=too_many):
        run_import("dtm", FIXTURES / "dtm_admin0.json", user=None)
    assert not Observation.objects.exists() and not ImportRun.objects.exists()
    assert run_import("dtm", FIXTURES / "dtm_admin0.json", user=None).imported == 2


def _bomb(path: Path, *, unpacked: int) -> Path:
    """The UN DESA fixture with one more member of `unpacked` zero bytes (a zip bomb)."""
    shutil.copy(FIXTURES / "undesa_stock_2020.xlsx", path)
    chunk = b"\0" * 1_000_000
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet99.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(unpacked // len(chunk)):
            member.write(chunk)
    return path


@override_settings(WORKBOOK_MAX_BYTES=10_000_000)
def test_a_workbook_bomb_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch) -> None:
    """The reported bomb unpacked 1.4 MB to 424 MB against the default 100 MB limit (116 s to
    parse before); the same shape at a tenth of the scale keeps the test quick."""
    bomb = _bomb(tmp_path / "stock.xlsx", unpacked=42_000_000)
    assert bomb.stat().st_size < 200_000, "small packed"

    def parse(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", parse)
    started = time.perf_counter()
    with pytest.raises(ImportFailed, match=r"The workbook unpacks to 42\.0 MB; an import takes"):
        run_import("undesa-stock", bomb, user=None)
    assert time.perf_counter() - started < 1.0
    assert not ImportRun.objects.exists()


def test_a_real_workbook_is_within_the_limit() -> None:
    run = run_import("undesa-stock", FIXTURES / "undesa_stock_2020.xlsx", user=None)
    assert run.outcome == ImportRun.Outcome.IMPORTED


@override_settings(IMPORT_MAX_BYTES=100)
def test_the_import_command_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(CommandError, match="an import takes files"):
        call_command("import", "dtm", str(FIXTURES / "dtm_admin0.json"))
    assert not ImportRun.objects.exists()


# --- Nothing is written, nor the write lock taken, before the whole file is checked -------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("app", ["network", "engagements"])
def test_the_file_is_parsed_and_checked_before_the_write_transaction(monkeypatch, app) -> None:
    """On SQLite the write transaction takes the database's write lock (BEGIN IMMEDIATE): reading,
    parsing and checking the rights all happen before it opens, so the lock is held only for the
    writing, which the row limit bounds. The framework (core/importing) does it for every app."""
    make_country(iso_alpha3="MEX", iso_alpha2="MX")
    seen: dict[str, list[bool]] = {"read": [], "parse": [], "rights": [], "write": []}

    def spy(name: str, function):
        def wrapper(*args, **kwargs):
            seen[name].append(connection.in_atomic_block)
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(files, "read_rows", spy("read", files.read_rows))
    monkeypatch.setattr(importer, "parse_rows", spy("parse", importer.parse_rows))
    monkeypatch.setattr(importer, "check_rights", spy("rights", importer.check_rights))
    monkeypatch.setattr(records, "upsert", spy("write", records.upsert))
    if app == "network":
        manager = make_user(role="network manager", clearance=Classification.PROTECTED_B)
        text, run = offices(3), network_importers.import_csv
        report = run("offices", io.BytesIO(text.encode()), user=manager)
    else:
        analyst = make_user(role="analyst", clearance=Classification.PROTECTED_B)
        text = ENGAGEMENT_HEADER + "".join(
            f"T{i},P{i},2024-03-01,meeting,bilateral\n" for i in range(3)
        )
        run = engagement_importers.import_csv
        report = run("engagements", io.BytesIO(text.encode()), user=analyst)
    assert report.ok, report.errors
    assert seen == {"read": [False], "parse": [False], "rights": [False], "write": [True] * 3}
