"""The cube, roll-ups and inventory equal an independent computation on the raw records, and an
incremental refresh equals a full rebuild."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from passerelle.operations import analytics, build, store
from passerelle.operations.ingest import ingest
from passerelle.operations.tests.conftest import make_file
from passerelle.operations.tests.reference import expected, raw_rows

SLICES = [
    {},
    {"year": 2024},
    {"program": "visitor_visa"},
    {"citizenship": "IND"},
    {"citizenship": "IND", "year": 2024},
    {"citizenship": "CHN", "program": "visitor_visa", "year": 2025},
    {"office": "manila-goc"},
    {"office": "new-delhi", "program": "study_permit", "year": 2023},
    {"citizenship": "PHL", "office": "manila"},
]


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


@pytest.mark.parametrize("filters", SLICES)
def test_rollup_equals_the_raw_records(built_store: pa.Table, filters: dict) -> None:
    want = expected(raw_rows(built_store), **filters)
    got = analytics.rollup(**filters).as_dict()
    assert want["decided"] > 0
    for key in ("decided", "approved", "refused", "withdrawn"):
        assert got[key] == want[key], key
    for key in ("approval_rate", "median_days", "p80_days"):
        assert close(got[key], want[key]), (key, got[key], want[key])


def test_breakdown_by_program_equals_the_raw_records(built_store: pa.Table) -> None:
    rows = raw_rows(built_store)
    for by_filters in ({}, {"citizenship": "IND"}):
        got = analytics.breakdown(by=("program",), year=2024, **by_filters)
        programs = {r["program"] for r in rows if expected([r], year=2024, **by_filters)["decided"]}
        assert programs, "the fixture decides applications in 2024"
        assert {key["program"] for key, _metrics in got} == programs, "one row a program decided"
        for key, metrics in got:
            want = expected(rows, program=key["program"], year=2024, **by_filters)
            assert metrics.decided == want["decided"]
            assert close(metrics.median_days, want["median_days"])
            assert close(metrics.p80_days, want["p80_days"])


def test_pending_inventory_at_month_end(built_store: pa.Table) -> None:
    rows = raw_rows(built_store)
    inventory = {row["month"]: row for row in analytics.inventory(citizenship="IND")}
    for month in (202212, 202406, 202512):
        year, mon = divmod(month, 100)
        end = (year * 12 + mon) + 1  # the first day of the next month, as a month index
        pending = sum(
            1
            for r in rows
            if r["citizenship"] == "IND"
            and (r["received_date"].year * 12 + r["received_date"].month) < end
            and (r["decision_date"] is None
                 or (r["decision_date"].year * 12 + r["decision_date"].month) >= end)
        )  # fmt: skip
        assert inventory[month]["pending"] == pending


def test_rollup_command_prints_json(built_store: pa.Table, capsys: pytest.CaptureFixture) -> None:
    call_command("operations", "rollup", "--citizenship", "IND", "--year", "2024", "--json")
    import json

    printed = json.loads(capsys.readouterr().out)
    want = expected(raw_rows(built_store), citizenship="IND", year=2024)
    assert printed["decided"] == want["decided"]
    assert close(printed["median_days"], want["median_days"])
    assert set(printed) == {
        "decided", "approved", "refused", "withdrawn", "approval_rate", "median_days", "p80_days",
    }  # fmt: skip


def _snapshot() -> dict[str, list[dict]]:
    def rows(path: str, keys: list[str]) -> list[dict]:
        table = pq.read_table(path) if path.endswith(".parquet") else None
        assert table is not None
        return sorted(table.to_pylist(), key=lambda r: tuple(str(r[k]) for k in keys))

    keys = ["citizenship", "office", "program", "decision_month"]
    return {
        "cube": [
            r
            for m in store.months_in(store.cube_dir())
            for r in rows(str(store.partition_file(store.cube_dir(), m)), keys)
        ],
        "days": [
            {**r, "month": m}
            for m in store.months_in(store.days_dir())
            for r in rows(
                str(store.partition_file(store.days_dir(), m)),
                ["office", "program", "decision", "days"],
            )
        ],
        "intake": rows(
            str(store.intake_path()), ["citizenship", "office", "program", "received_month"]
        ),
    }


def test_incremental_refresh_equals_full_rebuild(empty_store: Path) -> None:
    first = make_file(empty_store / "a.parquet", rows=500, seed=5)
    ingest(empty_store / "a.parquet")
    assert build.build().full
    # a second file: new records and new versions of 40 earlier ones (now decided later)
    later = first.slice(0, 40).to_pylist()
    for row in later:
        row["decision"], row["decision_date"] = (
            "refused",
            pa.scalar(row["received_date"]).as_py().replace(year=2025, month=12, day=30),
        )
        row["received_date"] = row["received_date"]
    pq.write_table(pa.Table.from_pylist(later, schema=first.schema.remove_metadata()),
                   empty_store / "b.parquet")  # fmt: skip
    ingest(empty_store / "b.parquet")
    touched = store.read_state()["dirty_months"]
    result = build.build()
    assert not result.full and result.months and set(result.months) <= set(touched)
    incremental = _snapshot()
    assert all(incremental.values()), "the cube, the days index and the intake hold rows"
    # the index and intake kept by the ingests equal those recomputed from every record
    build.build(full=True, reindex=True)
    assert _snapshot() == incremental


@pytest.mark.django_db
def test_demo_sets_up_an_illustrative_store_once(
    empty_store: Path, capsys: pytest.CaptureFixture
) -> None:
    from passerelle.operations.models import IrritantSignal

    call_command("operations", "demo", "--rows", "3000")
    assert "3,000 generated records" in capsys.readouterr().out
    assert store.has_cube() and store.is_illustrative()
    assert analytics.rollup().decided + analytics.inventory()[-1]["pending"] == 3000
    assert IrritantSignal.objects.exists()
    written = {p: p.stat().st_mtime_ns for p in store.root().rglob("*.parquet")}
    call_command("operations", "demo")
    assert "nothing done" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in store.root().rglob("*.parquet")} == written


@pytest.mark.django_db
def test_compliance_from_the_index_and_from_the_records_equal_the_raw_records(
    built_store: pa.Table,
) -> None:
    from passerelle.operations.compliance import compliance
    from passerelle.operations.models import ServiceStandard

    ServiceStandard.objects.create(program="visitor_visa", days=30)
    ServiceStandard.objects.create(program="work_permit_imp", days=60)
    judged = [
        r
        for r in raw_rows(built_store)
        if r["decision"] in ("approved", "refused")
        and r["program"] in ("visitor_visa", "work_permit_imp")
    ]
    limit = {"visitor_visa": 30, "work_permit_imp": 60}
    assert {r["program"] for r in judged} == set(limit), "the fixture decides both programs"

    def want(key: str, rows: list[dict]) -> dict:
        counts: dict = {}
        for r in rows:
            decisions, within = counts.get(r[key], (0, 0))
            counts[r[key]] = (decisions + 1, within + (r["days"] <= limit[r["program"]]))
        return counts

    by_month = {
        r["decision_month"]: (r["decisions"], r["within"]) for r in compliance(by="decision_month")
    }
    assert by_month == want("month", judged)  # from the index
    india = [r for r in judged if r["citizenship"] == "IND"]
    assert india, "the fixture decides applications from India"
    by_office = {
        r["office"]: (r["decisions"], r["within"])
        for r in compliance(by="office", citizenship="IND")
    }
    assert by_office == want("office", india)  # from the records
