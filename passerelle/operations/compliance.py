"""Compliance with the service standards: the share of approved and refused decisions made within
their program's standard, by citizenship, office or decision month."""

from __future__ import annotations

from typing import Any

import ibis

from passerelle.operations import definitions
from passerelle.operations.build import connect, records
from passerelle.operations.models import ServiceStandard

BY = ("citizenship", "office", "decision_month", "program")


def compliance(*, by: str, **filters: Any) -> list[dict[str, Any]]:
    """Rows of `by` value, decisions with a standard, those within it, and the share within."""
    standards = dict(ServiceStandard.objects.values_list("program", "days"))
    if not standards or by not in BY:
        return []
    table = records(connect())
    table = definitions.select(table, **filters)
    table = table.filter(
        table.decision.isin(("approved", "refused")), table.program.isin(list(standards))
    )
    standard = ibis.cases(*[(table.program == p, d) for p, d in standards.items()])
    grouped = table.group_by(by).aggregate(
        decisions=table.count(), within=table.count(where=table.days <= standard)
    )
    rows = sorted(grouped.to_pyarrow().to_pylist(), key=lambda r: str(r[by]))
    for row in rows:
        row["share"] = row["within"] / row["decisions"] if row["decisions"] else None
    return rows
