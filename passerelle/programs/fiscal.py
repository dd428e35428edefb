"""The Government of Canada's fiscal year (April 1 – March 31), written as the binder and the
Estimates write it: 2024-25, and its quarters Q1 (April–June) to Q4 (January–March)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FISCAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def parse_fiscal_year(text: str) -> int:
    """The calendar year a fiscal year starts in: 2024 for "2024-25"; ValueError otherwise
    (2024-2025, 2024/25, 2024-26 and FY2024 are all refused)."""
    match = FISCAL_YEAR.match(text or "")
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(text)
    return int(match[1])


def validate_fiscal_year(value: str) -> None:
    """A model and form validator: the fiscal year is written 2024-25."""
    try:
        parse_fiscal_year(value)
    except ValueError:
        raise ValidationError(
            _("Write the fiscal year as 2024-25 (its first year, a hyphen, the next two digits)."),
            code="fiscal_year",
        ) from None


def fiscal_year_name(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def fiscal_year_of(day: date) -> str:
    """The fiscal year a day falls in: 2024-25 for any day from 2024-04-01 to 2025-03-31."""
    return fiscal_year_name(day.year if day.month >= 4 else day.year - 1)


def fiscal_year_bounds(text: str) -> tuple[date, date]:
    start = parse_fiscal_year(text)
    return date(start, 4, 1), date(start + 1, 3, 31)


def quarter_of(day: date) -> int:
    """The fiscal quarter (1–4) a day falls in."""
    return ((day.month - 4) % 12) // 3 + 1


QUARTER = re.compile(r"^(\d{4}-\d{2})-Q([1-4])$")


def quarter_bounds(text: str) -> tuple[date, date]:
    """The first and last days of a quarter written 2024-25-Q3; ValueError otherwise."""
    match = QUARTER.match(text or "")
    if not match:
        raise ValueError(text)
    start = parse_fiscal_year(match[1])
    quarter = int(match[2])
    first_month = (3 + 3 * (quarter - 1)) % 12 + 1
    year = start if quarter < 4 else start + 1
    first = date(year, first_month, 1)
    last_month = first_month + 2
    last = date(year, last_month + 1, 1) if last_month < 12 else date(year + 1, 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)
