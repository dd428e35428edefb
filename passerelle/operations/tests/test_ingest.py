"""Ingest: every reject with its row and reason, all or nothing, replacement by application_id."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from passerelle.operations import store
from passerelle.operations.ingest import IngestError, ingest
from passerelle.operations.tests.conftest import FIXTURES


def stored() -> dict[int, tuple[str, int]]:
    """application_id -> (decision, partition month) of every stored record."""
    rows = duckdb.sql(
        f"SELECT application_id, decision, decision_month FROM "  # noqa: S608
        f"read_parquet('{store.glob(store.records_dir())}', hive_partitioning = true)"
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_every_bad_row_is_reported_with_row_and_reason(empty_store: Path) -> None:
    with pytest.raises(IngestError) as caught:
        ingest(FIXTURES / "bad-records.csv")
    found = {(r.row, r.column, r.reason) for r in caught.value.rejects}
    assert found == {
        (2, "citizenship", "unknown country code"),
        (3, "office", "unknown office code"),
        (4, "program", "unknown program code"),
        (5, "decision_date", "decision before receipt"),
        (6, "decision_date", "decision without a decision date"),
        (7, "received_date", "missing or bad date (YYYY-MM-DD)"),
        (8, "application_id", "duplicate application_id in the file (first at row 1)"),
        (9, "decision", "unknown decision"),
        (10, "decision_date", "pending application with a decision date"),
        (11, "application_id", "not an integer"),
    }
    assert caught.value.total == 10
    assert not store.has_records()  # all or nothing: row 1 was good and is not stored


def test_command_reports_rejects(empty_store: Path) -> None:
    with pytest.raises(CommandError, match=r"row 3, column office \('atlantis'\)"):
        call_command("operations", "ingest", str(FIXTURES / "bad-records.csv"))


def test_missing_column_is_refused(empty_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("application_id,citizenship\n1,IND\n", encoding="utf-8")
    with pytest.raises(IngestError, match="missing column"):
        ingest(path)


def test_an_extra_column_is_refused_by_name(empty_store: Path, tmp_path: Path) -> None:
    lines = (FIXTURES / "records-a.csv").read_text(encoding="utf-8").splitlines()
    extra = [lines[0] + ",comment"] + [line + ",x" for line in lines[1:]]
    path = tmp_path / "extra.csv"
    path.write_text("\n".join(extra) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"unknown column\(s\) comment;"):
        ingest(path)
    assert not store.has_records()


def test_a_semicolon_separated_file_is_refused(empty_store: Path, tmp_path: Path) -> None:
    text = (FIXTURES / "records-a.csv").read_text(encoding="utf-8").replace(",", ";")
    path = tmp_path / "semicolons.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match="separated by semicolons"):
        ingest(path)
    assert not store.has_records()


def test_records_are_partitioned_and_replaced_by_id(empty_store: Path, tmp_path: Path) -> None:
    first = ingest(FIXTURES / "records-a.csv")
    assert first.rows == 6 and first.replaced == 0
    assert stored()[104] == ("pending", 0)
    assert stored()[102] == ("refused", 202403)
    assert store.read_state()["dirty_months"] == [0, 202402, 202403, 202404]
    second = ingest(FIXTURES / "records-b.csv")
    assert second.rows == 3 and second.replaced == 2
    records = stored()
    assert len(records) == 7  # 104 and 102 replaced, 107 new
    assert records[104] == ("approved", 202405)
    assert records[102] == ("approved", 202403)
    assert 0 not in store.months_in(store.records_dir())  # the pending partition emptied
    # the old partition (pending) and the new one are both marked for refresh
    assert {0, 202403, 202405} <= set(store.read_state()["dirty_months"])


def test_a_refused_file_leaves_the_store_untouched(empty_store: Path, tmp_path: Path) -> None:
    ingest(FIXTURES / "records-a.csv")
    before = stored()
    bad = tmp_path / "bad.csv"
    shutil.copy(FIXTURES / "bad-records.csv", bad)
    with pytest.raises(IngestError):
        ingest(bad)
    assert stored() == before


def test_parquet_from_the_generator_is_illustrative(empty_store: Path) -> None:
    call_command(
        "operations", "generate", "--rows", "300", "--seed", "2",
        "--output", str(empty_store / "g.parquet"),
    )  # fmt: skip
    result = ingest(empty_store / "g.parquet")
    assert result.rows == 300 and result.illustrative
    assert store.is_illustrative()


def test_each_month_is_stored_sorted_after_a_replacing_ingest(empty_store: Path) -> None:
    """The store's promise (store.py): each month's records in the order of citizenship,
    office, program and application_id, so that DuckDB skips row groups; kept after a second
    file replaces some records and adds others to the same months."""
    first, second = empty_store / "first.parquet", empty_store / "second.parquet"
    call_command("operations", "generate", "--rows", "3000", "--seed", "3", "--output", str(first))
    call_command("operations", "generate", "--rows", "900", "--seed", "4", "--output", str(second))
    ingest(first)
    assert ingest(second).replaced == 900  # the generator numbers from 1: the same ids again
    key = "citizenship, office, program, application_id"
    for month in store.months_in(store.records_dir()):
        path = store.partition_file(store.records_dir(), month)
        (unsorted,) = duckdb.sql(
            f"SELECT count(*) FROM (SELECT ({key}) < lag(({key})) OVER (ORDER BY file_row_number) "  # noqa: S608
            f"AS back FROM read_parquet('{path}', file_row_number = true)) WHERE back"
        ).fetchone() or (None,)
        assert unsorted == 0, f"month {month}: {unsorted} records out of order"
    assert len(stored()) == 3000
