"""The program dashboard's figures, computed once per data version and per kind of reader
(core/datacache.py: the newest change record, the reader's clearance and view permissions of
every model the figures read, the day — the current fiscal year moves on April 1).

The figures (positions by envelope and fiscal year, results against targets, projects by
country, totals by recipient and by country) add up thousands of rows and change only when a
record is written; the marking of what they were computed from is counted again for each reader
served from the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from passerelle.core import datacache
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.models import (
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Project,
    Result,
    Transaction,
)

READ = (
    FundingEnvelope,
    EnvelopeAllocation,
    Project,
    BudgetLine,
    Transaction,
    Result,
    Indicator,
    IndicatorPeriod,
    Country,
    Organization,
)

T = TypeVar("T")


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()` as the current reader, from the cache when the same kind of reader computed
    it at the same data version today (core/datacache.py); its marking counted either way."""
    return datacache.cached(f"programs:{name}", compute, reader=datacache.reader_kind(READ))
