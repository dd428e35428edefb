"""Signals and disparity maths against hand-computed values, and signals from a built store."""

from __future__ import annotations

import math

import pyarrow as pa
import pytest

from passerelle.operations import disparity, signals, statistics
from passerelle.operations.models import IrritantSignal, ServiceStandard
from passerelle.operations.tests.reference import raw_rows


def wilson(x: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_two_proportion_test_and_wilson_interval_by_hand() -> None:
    test = statistics.compare(("IND", "refusal_rate", "own_past"), x=30, n=100, x0=20, n0=100)
    pooled = 50 / 200
    z = (0.3 - 0.2) / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 100))
    assert test.z == pytest.approx(z)  # 1.63299
    assert test.p_value == pytest.approx(math.erfc(z / math.sqrt(2)))  # two-sided, 0.1025
    low, high = wilson(30, 100)
    assert (test.ci_low, test.ci_high) == (pytest.approx(low), pytest.approx(high))


def test_benjamini_hochberg_by_hand() -> None:
    assert statistics.adjust([0.01, 0.04, 0.03, 0.2]) == pytest.approx(
        [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2]
    )


def test_direct_standardisation_by_hand() -> None:
    row = statistics.standardise(
        {"visitor_visa": (10, 100), "study_permit": (40, 100)},
        weights={"visitor_visa": 0.8, "study_permit": 0.2},
        citizenship="IND",
    )
    assert row.crude == 0.25
    assert row.adjusted == pytest.approx(0.8 * 0.1 + 0.2 * 0.4)
    margin = 1.959963984540054 * math.sqrt(0.64 * 0.09 / 100 + 0.04 * 0.24 / 100)
    assert row.adjusted_low == pytest.approx(0.16 - margin)
    assert row.adjusted_high == pytest.approx(0.16 + margin)
    # a program without decisions is left out and the other weights rescaled
    partial = statistics.standardise(
        {"visitor_visa": (10, 100)},
        weights={"visitor_visa": 0.8, "study_permit": 0.2},
        citizenship="IND",
    )
    assert partial.adjusted == pytest.approx(0.1) and partial.coverage == pytest.approx(0.8)


def test_periods() -> None:
    assert signals.shift(202401, -1) == 202312
    span = signals.periods(202512)
    assert span.current == (202501, 202512) and span.baseline == (202401, 202412)


@pytest.mark.django_db
def test_signals_from_the_store(built_store: pa.Table) -> None:
    ServiceStandard.objects.create(program="visitor_visa", days=30)
    ServiceStandard.objects.create(program="study_permit", days=60)
    count = signals.refresh_signals()
    assert count == IrritantSignal.objects.count() > 0
    recorded = list(IrritantSignal.objects.all())
    assert [s.q_value for s in sorted(recorded, key=lambda s: s.p_value)] == pytest.approx(
        sorted(statistics.adjust([s.p_value for s in recorded]))
    )
    assert all(s.illustrative for s in recorded)
    # one test checked against the raw records
    india = IrritantSignal.objects.get(
        citizenship="IND", metric="refusal_rate", comparison="own_past"
    )
    rows = [
        r
        for r in raw_rows(built_store)
        if r["citizenship"] == "IND" and r["decision"] in ("approved", "refused")
    ]
    current = [r for r in rows if 202501 <= r["month"] <= 202512]
    before = [r for r in rows if 202401 <= r["month"] <= 202412]
    assert india.count == len(current)
    assert india.value == pytest.approx(
        sum(r["decision"] == "refused" for r in current) / len(current)
    )
    assert india.baseline == pytest.approx(
        sum(r["decision"] == "refused" for r in before) / len(before)
    )
    beyond = IrritantSignal.objects.get(
        citizenship="IND", metric="beyond_standard", comparison="own_past"
    )
    judged = [r for r in current if r["program"] in ("visitor_visa", "study_permit")]
    late = [r for r in judged if r["days"] > {"visitor_visa": 30, "study_permit": 60}[r["program"]]]
    assert beyond.count == len(judged) and beyond.value == pytest.approx(len(late) / len(judged))


def test_disparity_from_the_store(built_store: pa.Table) -> None:
    result = disparity.disparity(minimum=20)
    assert result is not None and result.rows
    rows = [r for r in raw_rows(built_store) if 202501 <= r["month"] <= 202512]
    judged = [r for r in rows if r["decision"] in ("approved", "refused")]
    assert result.global_rate == pytest.approx(
        sum(r["decision"] == "refused" for r in judged) / len(judged)
    )
    india = next(r for r in result.rows if r.citizenship == "IND")
    mine = [r for r in judged if r["citizenship"] == "IND"]
    adjusted = coverage = 0.0
    for program, weight in result.weights.items():
        stratum = [r for r in mine if r["program"] == program]
        if stratum:
            coverage += weight
            adjusted += weight * sum(r["decision"] == "refused" for r in stratum) / len(stratum)
    assert india.adjusted == pytest.approx(adjusted / coverage)
