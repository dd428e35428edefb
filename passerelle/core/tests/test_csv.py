"""The marked CSV export shared by every list page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.test import RequestFactory
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.csv import (
    Column,
    _cell,
    csv_response,
    read_marked_csv,
    unguard,
    wants_csv,
)

COLUMNS: list[Column] = [("name", "Name"), ("when", "When"), (lambda row: row["n"] * 2, "Twice")]
ROWS = [
    {"name": "Conférence régionale", "when": date(2024, 3, 1), "n": 2},
    {"name": '=HYPERLINK("http://x")', "when": None, "n": -1},
]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Outside a request the active language is whatever an earlier test left: pin it."""
    with translation.override("en"):
        yield


def _text(response: object) -> str:
    return response.content.decode("utf-8")  # type: ignore[attr-defined]


def test_first_line_is_the_marking_then_header_and_rows() -> None:
    marking = {"classification": Classification.PROTECTED_B, "illustrative": False}
    response = csv_response(ROWS, COLUMNS, filename="forums", marking=marking)
    text = _text(response)
    assert text.startswith("\ufeff"), "a byte-order mark so spreadsheets read accents"
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "# Security classification: Protected B"
    assert lines[1] == "Name,When,Twice"
    assert response["X-Classification"] == "PROTECTED_B"
    assert response["Content-Disposition"] == 'attachment; filename="forums.csv"'
    rows = read_marked_csv(text)
    assert rows[0] == {"Name": "Conférence régionale", "When": "2024-03-01", "Twice": "4"}


def test_illustrative_rows_are_marked() -> None:
    marking = {"classification": Classification.UNCLASSIFIED, "illustrative": True}
    text = _text(csv_response([], COLUMNS, filename="x", marking=marking))
    first = text.lstrip("\ufeff").splitlines()[0]
    assert first.startswith("# Security classification: Unclassified — Illustrative data")


def test_formulas_are_neutralised_and_numbers_kept() -> None:
    marking = {"classification": 0, "illustrative": False}
    rows = read_marked_csv(_text(csv_response(ROWS, COLUMNS, filename="x", marking=marking)))
    assert rows[1]["Name"].startswith("'=")
    assert rows[1]["When"] == ""
    assert rows[1]["Twice"] == "-2", "a negative number is a number, not a formula"


def test_file_name_is_made_safe() -> None:
    response = csv_response([], COLUMNS, filename='a"b/c.csv', marking={})
    assert response["Content-Disposition"] == 'attachment; filename="a-b-c.csv"'


def test_marking_line_is_translated() -> None:
    with translation.override("fr"):
        text = _text(csv_response([], COLUMNS, filename="x", marking={"classification": 2}))
    assert "Protégé B" in text.splitlines()[0]


def test_wants_csv() -> None:
    factory = RequestFactory()
    assert wants_csv(factory.get("/", {"format": "CSV"}))
    assert not wants_csv(factory.get("/"))


FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    ' =HYPERLINK("http://x")',
    "  +1",
    "\n=1+1",
    "\r\n@A1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " ＝1",
]
PLAIN = ["Mexico", "", " leading space", "a=b", "'quoted", "'", "1-2", "e-mail"]


@pytest.mark.parametrize("text", FORMULAS)
def test_every_formula_start_is_guarded(text: str) -> None:
    assert _cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_not_guarded(text: str) -> None:
    assert _cell(text) == text


@pytest.mark.parametrize("text", [*FORMULAS, *PLAIN, "'=1", "''=1", "' =1", "'＝1", "'\n=1"])
def test_unguard_reverses_exactly_what_the_export_did(text: str) -> None:
    assert unguard(_cell(text)) == text


def test_a_guarded_file_reads_back_unchanged_through_the_csv_module() -> None:
    rows = [{"name": text, "when": None, "n": 0} for text in [*FORMULAS, *PLAIN, "'=1"]]
    marking = {"classification": 0, "illustrative": False}
    read = read_marked_csv(_text(csv_response(rows, COLUMNS, filename="x", marking=marking)))
    assert [unguard(row["Name"]) for row in read] == [row["name"] for row in rows]


def test_an_importer_reads_a_guarded_cell_back_as_its_value() -> None:
    from passerelle.core.importing.cells import RowReader

    exported = {"a": "' =1+1", "b": "'＝A1", "c": "'\n@x", "d": "'kept"}  # as exported
    row = RowReader(2, exported)
    assert [row.raw(c) for c in "abcd"] == ["=1+1", "＝A1", "@x", "'kept"]
    assert [_cell(value) for value in (" =1+1", "＝A1", "\n@x")] == list(exported.values())[:3]
