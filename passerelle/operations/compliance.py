"""Compliance with the service standards: the share of approved and refused decisions made within
their program's standard, by citizenship, office, program or decision month."""

from __future__ import annotations

from typing import Any

import ibis

from passerelle.operations import definitions, seen
from passerelle.operations.build import table
from passerelle.operations.codes import COMPLIANCE_BY as BY
from passerelle.operations.models import ServiceStandard


def compliance(*, by: str, **filters: Any) -> list[dict[str, Any]]:
    """Rows of `by` value, decisions with a standard, those within it, and the share within.
    Without a citizenship (neither filtered nor grouped on) the counts come from the roll-up
    index, a few megabytes, rather than from every record."""
    standards = dict(ServiceStandard.objects.values_list("program", "days"))
    if not standards or by not in BY or seen.names_hidden(filters):
        return []
    if by != "citizenship" and not filters.get("citizenship"):
        index = definitions.select(table("days"), **filters)
        index = index.filter(index.program.isin(list(standards)))
        standard = ibis.cases(*[(index.program == p, d) for p, d in standards.items()])
        grouped = index.group_by(by).aggregate(
            decisions=index.n.sum(), within=index.n.sum(where=index.days <= standard)
        )
    else:
        records = definitions.select(table("records"), **filters)
        records = records.filter(
            records.decision.isin(("approved", "refused")), records.program.isin(list(standards))
        )
        standard = ibis.cases(*[(records.program == p, d) for p, d in standards.items()])
        grouped = records.group_by(by).aggregate(
            decisions=records.count(), within=records.count(where=records.days <= standard)
        )
    rows = sorted(seen.shown_rows(grouped.to_pyarrow().to_pylist()), key=lambda r: str(r[by]))
    for row in rows:
        row["within"] = int(row["within"] or 0)
        row["share"] = row["within"] / row["decisions"] if row["decisions"] else None
    return rows
