"""Factories for the operations' tests: plain keyword-only functions (STYLE.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from passerelle.operations.models import IrritantSignal


def make_signal(**fields: Any) -> IrritantSignal:
    values: dict[str, Any] = {
        "citizenship": "IND", "metric": "refusal_rate", "comparison": "own_past",
        "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31), "value": 0.3,
        "count": 100, "ci_low": 0.22, "ci_high": 0.4, "baseline": 0.2, "baseline_count": 100,
        "z": 1.63, "p_value": 0.1, "q_value": 0.2, "illustrative": True,
    }  # fmt: skip
    values.update(fields)
    return IrritantSignal.objects.create(**values)
