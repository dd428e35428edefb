"""The program's figures: by envelope and fiscal year, what is allocated, committed and
disbursed, what is left to disburse before March 31; totals by country and recipient; results
achieved against targets, rolled up from projects to envelopes and initiatives.

Definitions (docs/programs.md): *allocated* is the envelope's allocation for the fiscal year;
*committed* is the budget lines of that fiscal year of signed agreements (active, closed or
terminated projects); *disbursed* is disbursements less refunds dated in that fiscal year, in CAD.
Every query reads as the current reader (core/reader.py): a project they may not see counts in
no total they are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum

from passerelle.programs.fiscal import (
    fiscal_year_bounds,
    fiscal_year_of,
)
from passerelle.programs.models import (
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    IndicatorPeriod,
    Project,
    Transaction,
    TransactionTotal,
)

ZERO = Decimal(0)
SIGNED = (Project.Status.ACTIVE, Project.Status.CLOSED, Project.Status.TERMINATED)


@dataclass
class Position:
    """One envelope's (or the program's) position for one fiscal year."""

    allocated: Decimal = ZERO
    committed: Decimal = ZERO
    disbursed: Decimal = ZERO

    @property
    def to_disburse(self) -> Decimal:
        return max(self.committed - self.disbursed, ZERO)

    @property
    def uncommitted(self) -> Decimal:
        return self.allocated - self.committed


@dataclass
class Positions:
    """Positions by envelope and fiscal year, the fiscal years in order, and whether any figure
    comes from illustrative records."""

    envelopes: list[FundingEnvelope]
    years: list[str]
    cells: dict[tuple[int, str], Position] = field(default_factory=dict)
    illustrative: bool = False

    def cell(self, envelope: FundingEnvelope, year: str) -> Position:
        return self.cells.get((envelope.pk, year), Position())

    def year_total(self, year: str) -> Position:
        total = Position()
        for envelope in self.envelopes:
            cell = self.cell(envelope, year)
            total.allocated += cell.allocated
            total.committed += cell.committed
            total.disbursed += cell.disbursed
        return total

    def rows(self) -> list[dict[str, Any]]:
        """One row an envelope and year, then the program's total of each year."""
        rows = []
        for year in self.years:
            for envelope in self.envelopes:
                rows.append(
                    {"envelope": envelope, "year": year, "position": self.cell(envelope, year)}
                )
            rows.append({"envelope": None, "year": year, "position": self.year_total(year)})
        return rows


def positions(
    *, envelopes: Iterable[FundingEnvelope] | None = None, years: Iterable[str] | None = None
) -> Positions:
    """Allocated, committed and disbursed by envelope and fiscal year."""
    chosen = list(envelopes if envelopes is not None else FundingEnvelope.objects.all())
    ids = [e.pk for e in chosen]
    cells: dict[tuple[int, str], Position] = defaultdict(Position)
    illustrative = False
    allocations = EnvelopeAllocation.objects.filter(envelope__in=ids)
    allocated: Any = allocations.values("envelope", "fiscal_year", "illustrative")
    for row in allocated.annotate(total=Sum("amount_cad")).marked():
        cells[row["envelope"], row["fiscal_year"]].allocated += row["total"] or ZERO
        illustrative |= row["illustrative"]
    budgets = BudgetLine.objects.filter(project__envelope__in=ids, project__status__in=SIGNED)
    committed: Any = budgets.values("project__envelope", "fiscal_year", "project__illustrative")
    for row in committed.annotate(total=Sum("amount_cad")).marked():
        cells[row["project__envelope"], row["fiscal_year"]].committed += row["total"] or ZERO
        illustrative |= row["project__illustrative"]
    kinds = [Transaction.Kind.DISBURSEMENT, Transaction.Kind.REFUND]
    # From the totals kept on write (programs/rollup.py): a few rows a project, not every
    # transaction; each row counts for its reader as the transactions it adds up would.
    paid = TransactionTotal.objects.filter(project__envelope__in=ids, kind__in=kinds)
    grouped: Any = paid.values("project__envelope", "kind", "fiscal_year", "project__illustrative")
    for row in grouped.annotate(total=Sum("value_cad")).marked().order_by():
        sign = -1 if row["kind"] == Transaction.Kind.REFUND else 1
        cells[row["project__envelope"], row["fiscal_year"]].disbursed += sign * (
            row["total"] or ZERO
        )
        illustrative |= row["project__illustrative"]
    found_years = sorted({year for _envelope, year in cells})
    shown_years = list(years) if years is not None else found_years
    return Positions(chosen, shown_years, dict(cells), illustrative)


def current_fiscal_year(today: date | None = None) -> str:
    return fiscal_year_of(today or date.today())


TOTALS_BY = {"recipient": "project__recipient", "country": "project__countries"}


def totals(by: str, year: str) -> dict[int, Position]:
    """Committed, disbursed and left to disburse in fiscal year `year`, by `recipient` (the
    partners organization's id) or `country` (geo's id; a project covering several countries
    counts in full in each): one grouped query on the budget lines, one on the transactions'
    totals kept on write.
    Allocations are made to envelopes, not to recipients or countries: none is shown here."""
    field = TOTALS_BY[by]
    fiscal_year_bounds(year)  # a year written any other way than 2024-25 raises
    cells: dict[int, Position] = defaultdict(Position)
    budgets = BudgetLine.objects.filter(fiscal_year=year, project__status__in=SIGNED)
    committed: Any = budgets.values(field).annotate(total=Sum("amount_cad")).marked().order_by()
    for row in committed:
        if row[field] is not None:
            cells[row[field]].committed += row["total"] or ZERO
    kinds = [Transaction.Kind.DISBURSEMENT, Transaction.Kind.REFUND]
    paid = TransactionTotal.objects.filter(kind__in=kinds, fiscal_year=year)
    grouped: Any = paid.values(field, "kind").annotate(total=Sum("value_cad")).marked()
    for row in grouped.order_by():
        if row[field] is not None:
            sign = -1 if row["kind"] == Transaction.Kind.REFUND else 1
            cells[row[field]].disbursed += sign * (row["total"] or ZERO)
    return dict(cells)


@dataclass
class Achievement:
    """Indicator periods with a target, and those whose actual meets it."""

    with_target: int = 0
    met: int = 0

    @property
    def share(self) -> float:
        return self.met / self.with_target if self.with_target else 0.0


def achievements(by: str) -> dict[Any, Achievement]:
    """Results achieved against targets, rolled up by `envelope` or `initiative` (indicator
    periods of quantitative indicators with a target and an actual; met is the actual at or
    beyond the target in the indicator's direction)."""
    key = f"indicator__result__project__{by}"
    periods = IndicatorPeriod.objects.filter(target_value__isnull=False).exclude(
        indicator__measure="5"
    )
    met = Q(indicator__ascending=True, actual_value__gte=F("target_value")) | Q(
        indicator__ascending=False, actual_value__lte=F("target_value")
    )
    rows = (
        periods.values(key).annotate(with_target=Count("pk"), met=Count("pk", filter=met)).marked()
    )
    return {row[key]: Achievement(row["with_target"], row["met"]) for row in rows}


def projects_covering(country: Any) -> list[Project]:
    """The projects covering `country`, latest first, with their recipient and envelope: the
    country page's section and the country brief list the same ones."""
    return list(
        Project.objects.filter(countries=country)
        .select_related("recipient", "envelope")
        .order_by("-start_date")
    )


def shared_initiatives(country: Any) -> list[Any]:
    """The capacity-building initiatives covering `country`, for its list of what it shares with
    Canada (partners/shared.py): Canada runs every one of them."""
    from django.utils.translation import gettext_lazy as _

    from passerelle.partners.shared import SharedItem
    from passerelle.programs.models import Initiative

    items = []
    initiatives = (
        Initiative.objects.filter(countries=country).prefetch_related("organizations").distinct()
    )
    for initiative in initiatives:
        partners = ", ".join(o.name for o in initiative.organizations.all())
        items.append(
            SharedItem(
                _("Capacity-building initiative"),
                initiative.name,
                initiative.get_absolute_url(),
                initiative,
                initiative.acronym,
                note=partners,
                forum_id=initiative.forum_id,
                order=30,
            )
        )
    return items
