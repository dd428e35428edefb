"""The import framework (core/importing) on what the network's and engagements' own tests do
not reach: an exported file's marking line, a dry run from the command, and one error shape
told the same way wherever it comes from."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from passerelle.core.classification import Classification
from passerelle.core.importing.report import RowError
from passerelle.core.reference.errors import Problem
from passerelle.core.testing import make_user
from passerelle.geo.tests.factories import make_country
from passerelle.network.importers import import_csv
from passerelle.network.models import Office
from passerelle.operations.ingest import Reject

HEADER = "code,name_en,name_fr,kind,city_en,city_fr,country,latitude,longitude\n"
ROW = "havana,Visa office,Bureau,visa_office,Havana,La Havane,CUB,23.1,-82.4\n"


@pytest.fixture
def manager(db: None):
    make_country(iso_alpha3="CUB", iso_alpha2="CU")
    return make_user(role="network manager", clearance=Classification.PROTECTED_B)


def test_a_files_marking_line_is_skipped_and_lines_keep_their_numbers(manager) -> None:
    marked = "# UNCLASSIFIED — illustrative\n" + HEADER + ROW + ROW.replace("CUB", "QQQ")
    report = import_csv("offices", io.StringIO(marked), user=manager)
    assert report.errors == [
        RowError(4, "country", "unknown country 'QQQ'"),
        RowError(4, "code", "duplicate of line 3"),
    ]
    assert import_csv("offices", io.StringIO(marked.rsplit("\n", 2)[0]), user=manager).ok


def test_a_dry_run_counts_and_writes_nothing(manager, tmp_path: Path) -> None:
    report = import_csv("offices", io.StringIO(HEADER + ROW), user=manager, dry_run=True)
    assert (report.ok, report.created) == (True, 1)
    assert not Office.objects.exists()
    path = tmp_path / "offices.csv"
    path.write_text(HEADER + ROW)
    out = io.StringIO()
    call_command(
        "network-import", "offices", str(path), user=manager.username, dry_run=True, stdout=out
    )
    assert "dry run, nothing written: offices: 1 row, 1 created" in out.getvalue()
    assert not Office.objects.exists()


def test_one_error_shape_told_as_each_reader_expects() -> None:
    assert str(RowError(2, "country", "unknown")) == "line 2, country: unknown"
    assert str(RowError(3, "", "bad", file="stock.csv")) == "stock.csv, line 3, row: bad"
    assert RowError(3, "year", "bad", file="a.csv").as_dict() == {
        "file": "a.csv",
        "row": 3,
        "column": "year",
        "reason": "bad",
    }
    problem = Problem(Path("data/offices.csv"), 4, "duplicate of line 2", "code")
    assert str(problem) == "data/offices.csv:4: code: duplicate of line 2"
    assert (problem.path, problem.line) == (Path("data/offices.csv"), 4)
    reject = Reject(5, "office", "unknown office code", value="atlantis")
    assert isinstance(problem, RowError) and isinstance(reject, RowError)
    assert str(reject) == "row 5, column office ('atlantis'): unknown office code"


def test_the_generic_import_page_checks_then_imports_all_or_nothing(manager) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from passerelle.core.testing import signed_in_client

    client = signed_in_client(manager)

    def upload(text: str, **fields: object) -> str:
        data = {"kind": "offices", "file": SimpleUploadedFile("o.csv", text.encode()), **fields}
        return client.post("/en/network/import/", data, follow=True).content.decode()

    checked = upload(HEADER + ROW, dry_run="on")
    assert "Checked: nothing was written" in checked and not Office.objects.exists()
    rejected = upload(HEADER + ROW + ROW.replace("CUB", "QQQ"))
    assert "unknown country &#x27;QQQ&#x27;" in rejected and not Office.objects.exists()
    assert "<td>3</td><td><code>country</code></td>" in rejected
    assert "Imported" in upload(HEADER + ROW) and Office.objects.count() == 1
