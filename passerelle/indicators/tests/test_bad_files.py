"""Bad files given to the indicator importers (issue 18): a Latin-1, UTF-16 or truncated file is a
clear error naming the file, on the upload page and on the command line (never a 500 or a
traceback); a file with no figure of its kind imports nothing and records no source."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from passerelle.core.models import Source
from passerelle.core.testing import make_user, signed_in_client
from passerelle.indicators.importers import ImportFailed, run_import
from passerelle.indicators.models import ImportRun, Observation

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT_FILES = {
    "unhcr-population": "unhcr_population_api.json",
    "wdi": "wdi_api.json",
    "ircc-processing-times": "ircc_data-ptime-en.json",
    "ircc-study-permits": "ircc_study_permits.csv",
    "dtm": "dtm_admin0.json",
}


def latin1(text: str) -> bytes:
    """The file saved as Latin-1, with one accented letter in it."""
    return ("é" + text).encode("latin-1", errors="replace")


def utf16(text: str) -> bytes:
    return text.encode("utf-16")


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.fixture
def bad(tmp_path: Path):
    def write(name: str, content: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write


@pytest.mark.parametrize("kind", sorted(TEXT_FILES))
@pytest.mark.parametrize("damage", ["latin-1", "utf-16", "truncated"])
def test_a_damaged_file_is_a_clear_error_naming_it(kind: str, damage: str, bad) -> None:
    name = TEXT_FILES[kind]
    original = (FIXTURES / name).read_bytes()
    if damage == "truncated" and name.endswith(".csv"):
        pytest.skip("a CSV file cut at a line end is a shorter file, not a damaged one")
    content = {
        "latin-1": lambda: latin1(original.decode("utf-8-sig")),
        "utf-16": lambda: utf16(original.decode("utf-8-sig")),
        "truncated": lambda: truncated(original),
    }[damage]()
    path = bad(name, content)
    with pytest.raises(ImportFailed) as failed:
        run_import(kind, path, user=None)
    assert str(failed.value).startswith(f"{name}: ")
    if damage != "truncated":
        assert "UTF-8" in str(failed.value)
    assert not Observation.objects.exists()
    assert not ImportRun.objects.filter(outcome="imported").exists()


def test_a_truncated_workbook_is_a_clear_error(bad) -> None:
    path = bad("stock.xlsx", truncated((FIXTURES / "undesa_stock_2020.xlsx").read_bytes()))
    with pytest.raises(ImportFailed, match=r"^stock.xlsx: "):
        run_import("undesa-stock", path, user=None)


def test_the_upload_page_and_the_command_say_what_is_wrong(bad) -> None:
    content = utf16((FIXTURES / "dtm_admin0.json").read_text())
    admin = signed_in_client(make_user(role="administrator"))
    upload = SimpleUploadedFile("dtm.json", content)
    page = admin.post("/en/indicators/import/", {"kind": "dtm", "file": upload}, follow=True)
    assert page.status_code == 200
    assert "not UTF-8 text" in page.content.decode()
    with pytest.raises(CommandError, match="not UTF-8 text"):
        call_command("import", "dtm", str(bad("dtm.json", content)))


def test_processing_times_without_figures_import_nothing(bad) -> None:
    path = bad("ptime.json", b'{"items":[{"a":1}]}')
    sources = Source.objects.count()
    with pytest.raises(ImportFailed, match="no program with processing times"):
        run_import("ircc-processing-times", path, user=None)
    assert Source.objects.count() == sources
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("unhcr-population", "unhcr_population_api.csv"),
        ("unhcr-population", "unhcr_hdx.csv"),
        ("wdi", "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_1.csv"),
    ],
)
def test_an_extra_column_is_refused_by_name(kind: str, name: str, bad) -> None:
    lines = (FIXTURES / name).read_text(encoding="utf-8-sig").splitlines()
    at = next(
        i
        for i, line in enumerate(lines)
        if line.lower().startswith(('"country name"', "year", '"year"'))
    )
    lines[at] = lines[at].rstrip(",") + ',"Comment"' + ("," if lines[at].endswith(",") else "")
    path = bad(name, ("\n".join(lines) + "\n").encode())
    metadata = FIXTURES / f"Metadata_Country_{name}" if kind == "wdi" else None
    with pytest.raises(ImportFailed, match=r"unknown column\(s\) 'Comment'"):
        run_import(kind, path, user=None, metadata=metadata)
    assert not Observation.objects.exists()


def test_an_extra_study_permit_column_is_refused_by_name(bad) -> None:
    lines = (FIXTURES / "ircc_study_permits.csv").read_text(encoding="utf-8-sig").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(",Jan,"))
    lines = [line + "," for line in lines]
    lines[at] = lines[at][:-1] + ",Comment"
    path = bad("permits.csv", ("\n".join(lines) + "\n").encode())
    with pytest.raises(ImportFailed, match=r"^permits.csv: unknown column 'Comment'"):
        run_import("ircc-study-permits", path, user=None)
