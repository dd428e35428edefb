"""The International Migration Capacity Building Program: its funding envelopes and their
allocations by fiscal year, the initiatives it runs with partners, and its projects (agreements)
with their amendments, budgets, transactions and results."""

from passerelle.programs.models.codes import PolicyMarker, ProjectDocument, ProjectSector
from passerelle.programs.models.finance import BudgetLine, Transaction, TransactionTotal
from passerelle.programs.models.program import (
    EnvelopeAllocation,
    FundingEnvelope,
    Initiative,
    InitiativeFigure,
)
from passerelle.programs.models.projects import Amendment, Project
from passerelle.programs.models.results import (
    Disaggregation,
    Indicator,
    IndicatorPeriod,
    Result,
)

__all__ = [
    "Amendment",
    "BudgetLine",
    "Disaggregation",
    "EnvelopeAllocation",
    "FundingEnvelope",
    "Indicator",
    "IndicatorPeriod",
    "Initiative",
    "InitiativeFigure",
    "PolicyMarker",
    "Project",
    "ProjectDocument",
    "ProjectSector",
    "Result",
    "Transaction",
    "TransactionTotal",
]
