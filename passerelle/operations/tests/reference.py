"""An independent computation of the metrics on raw records (numpy, linear interpolation)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa


def raw_rows(table: pa.Table) -> list[dict[str, Any]]:
    rows = table.to_pylist()
    for row in rows:
        decided = row["decision_date"]
        row["days"] = (decided - row["received_date"]).days if decided else None
        row["month"] = decided.year * 100 + decided.month if decided else 0
    return rows


def expected(
    rows: list[dict[str, Any]],
    *,
    citizenship: str | None = None,
    office: str | None = None,
    program: str | None = None,
    year: int | None = None,
) -> dict[str, Any]:
    chosen = [
        r
        for r in rows
        if r["decision"] != "pending"
        and (citizenship is None or r["citizenship"] == citizenship)
        and (office is None or r["office"] == office)
        and (program is None or r["program"] == program)
        and (year is None or r["month"] // 100 == year)
    ]
    count = {
        d: sum(r["decision"] == d for r in chosen) for d in ("approved", "refused", "withdrawn")
    }
    days = [r["days"] for r in chosen if r["decision"] in ("approved", "refused")]
    judged = count["approved"] + count["refused"]
    return {
        "decided": len(chosen),
        **count,
        "approval_rate": count["approved"] / judged if judged else None,
        "median_days": float(np.percentile(days, 50, method="linear")) if days else None,
        "p80_days": float(np.percentile(days, 80, method="linear")) if days else None,
    }
