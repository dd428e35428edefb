"""The same funnel counted from our own application records (the operations app's store),
beside the published one: received, decided, approved, pending, processing days, as of the
records' last month. The records are illustrative wherever the store says so."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from passerelle.pathways.models import Pathway, ProgressFigure, Unit


@dataclass
class ProgramCount:
    code: str
    label: Any
    received: int
    decided: int
    approved: int
    refused: int
    pending: int
    median_days: float | None


@dataclass
class RecordsFunnel:
    """A measure's applications in our records, with the month they run to."""

    programs: list[ProgramCount]
    as_of: date
    illustrative: bool
    comparisons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def received(self) -> int:
        return sum(p.received for p in self.programs)

    @property
    def approved(self) -> int:
        return sum(p.approved for p in self.programs)

    @property
    def decided(self) -> int:
        return sum(p.decided for p in self.programs)


def _month_end(month: int) -> date:
    year, number = divmod(month, 100)
    return date(year, number, calendar.monthrange(year, number)[1])


def records_funnel(pathway: Pathway) -> RecordsFunnel | None:
    """The measure's funnel from the records, or None when no store is built or it holds none
    of the measure's program codes."""
    if not pathway.codes:
        return None
    from passerelle.operations import analytics, codes, store

    if not store.has_cube():
        return None
    programs, months = [], []
    try:
        for code in pathway.codes:
            inventory = analytics.inventory(program=code)
            metrics = analytics.rollup(program=code)
            active = [row["month"] for row in inventory if row["received"] or row["decided"]]
            if not active:
                continue
            months.append(max(active))
            programs.append(
                ProgramCount(
                    code=code,
                    label=codes.PROGRAMS.get(code, code),
                    received=sum(row["received"] for row in inventory),
                    decided=metrics.decided,
                    approved=metrics.approved,
                    refused=metrics.refused,
                    pending=inventory[-1]["pending"] if inventory else 0,
                    median_days=metrics.median_days,
                )
            )
    except analytics.NoData:
        return None
    if not programs:
        return None
    funnel = RecordsFunnel(programs, _month_end(max(months)), store.is_illustrative())
    funnel.comparisons = compare(pathway, funnel)
    return funnel


def compare(pathway: Pathway, funnel: RecordsFunnel) -> list[dict[str, Any]]:
    """For each stage both count in applications (received, approved), the published figure,
    the records' count, the difference and which is newer."""
    from passerelle.pathways.services import latest_figures

    published = {
        figure.stage: figure
        for figure in latest_figures(pathway)
        if figure.unit == Unit.APPLICATIONS
    }
    rows = []
    for stage, counted in (("received", funnel.received), ("approved", funnel.approved)):
        figure: ProgressFigure | None = published.get(stage)
        rows.append(
            {
                "stage": stage,
                "published": figure,
                "records": counted,
                "difference": counted - figure.value if figure else None,
                "newer": _newer(figure, funnel),
            }
        )
    return rows


def _newer(figure: ProgressFigure | None, funnel: RecordsFunnel) -> str:
    if figure is None:
        return "records"
    if figure.as_of == funnel.as_of:
        return "same"
    return "records" if funnel.as_of > figure.as_of else "published"
