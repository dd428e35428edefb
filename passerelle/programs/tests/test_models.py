"""The program's records refuse the bad inputs the issue lists, with a clear error, and nothing
is written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from passerelle.programs.fiscal import (
    fiscal_year_of,
    parse_fiscal_year,
    quarter_bounds,
    quarter_of,
)
from passerelle.programs.models import Amendment, BudgetLine, EnvelopeAllocation, Transaction
from passerelle.programs.tests.factories import make_envelope, make_project, pay


@pytest.mark.parametrize("text", ["2024-2025", "2024/25", "2024-26", "FY2024", "24-25", ""])
def test_a_fiscal_year_written_any_other_way_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_fiscal_year(text)


def test_fiscal_years_and_quarters_run_from_april() -> None:
    assert parse_fiscal_year("2024-25") == 2024
    assert parse_fiscal_year("1999-00") == 1999
    assert fiscal_year_of(date(2025, 3, 31)) == "2024-25"
    assert fiscal_year_of(date(2025, 4, 1)) == "2025-26"
    assert quarter_of(date(2024, 10, 1)) == 3 and quarter_of(date(2025, 1, 15)) == 4
    assert quarter_bounds("2024-25-Q3") == (date(2024, 10, 1), date(2024, 12, 31))
    assert quarter_bounds("2024-25-Q4") == (date(2025, 1, 1), date(2025, 3, 31))


@pytest.mark.django_db
def test_an_allocation_and_a_budget_line_need_the_fiscal_year_written_2024_25() -> None:
    envelope = make_envelope()
    allocation = EnvelopeAllocation(envelope=envelope, fiscal_year="2024-2025", amount_cad=1)
    with pytest.raises(ValidationError) as raised:
        allocation.full_clean()
    assert "2024-25" in str(raised.value.message_dict["fiscal_year"])
    line = BudgetLine(project=make_project(), fiscal_year="2024/25", amount_cad=1)
    with pytest.raises(ValidationError, match="2024-25"):
        line.full_clean()
    EnvelopeAllocation(envelope=envelope, fiscal_year="2024-25", amount_cad=1).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "number",
    [
        "039-2024-2025-Q5-00001",
        "039-2024-2026-Q1-00001",
        "39-2024-2025-Q1-00001",
        "039-2024-2025-Q1-1",
    ],
)
def test_a_reference_number_off_the_layout_is_refused(number: str) -> None:
    project = make_project()
    project.reference_number = number
    with pytest.raises(ValidationError) as raised:
        project.full_clean()
    assert "DDD-YYYY-YYYY-QX-XXXXX" in str(raised.value.message_dict["reference_number"])


@pytest.mark.django_db
def test_a_transaction_outside_the_project_dates_is_refused() -> None:
    project = make_project(start_date=date(2024, 4, 1), end_date=date(2025, 3, 31))
    late = Transaction(project=project, kind="disbursement", date=date(2025, 4, 1), value=10)
    with pytest.raises(ValidationError) as raised:
        late.full_clean()
    assert "outside the project's dates" in str(raised.value.message_dict["date"])


@pytest.mark.django_db
def test_a_transaction_in_another_currency_needs_its_value_in_cad() -> None:
    project = make_project()
    foreign = Transaction(
        project=project, kind="disbursement", date=date(2024, 6, 1), value=10, currency="USD"
    )
    with pytest.raises(ValidationError) as raised:
        foreign.full_clean()
    assert "USD" in str(raised.value.message_dict["value_cad"])
    foreign.value_cad = Decimal("13.60")
    foreign.full_clean()
    canadian = Transaction(project=project, kind="commitment", date=date(2024, 6, 1), value=5)
    canadian.full_clean()
    assert canadian.value_cad == 5, "in CAD, the value is its own value in CAD"
    unknown = Transaction(project=project, kind="commitment", date=date(2024, 6, 1), value=5)
    unknown.currency = "XYZ"
    with pytest.raises(ValidationError, match="ISO 4217"):
        unknown.full_clean()


@pytest.mark.django_db
def test_an_amendment_cannot_lower_the_value_below_what_is_disbursed() -> None:
    project = make_project(value_cad=Decimal(100_000))
    pay(project, "60000", date(2024, 6, 1))
    pay(project, "5000", date(2024, 7, 1), kind="refund")
    low = Amendment(
        project=project,
        number=1,
        date=date(2024, 8, 1),
        total_value_cad=Decimal(50_000),
        reason_en="Reduced scope",
        reason_fr="Portée réduite",
    )
    with pytest.raises(ValidationError) as raised:
        low.full_clean()
    assert "55000" in str(raised.value.message_dict["total_value_cad"])
    low.total_value_cad = Decimal(55_000)
    low.full_clean()
    low.save()
    assert project.current_value() == Decimal(55_000), "the amendment restates the total"


@pytest.mark.django_db
def test_a_foreign_currency_agreement_names_both_currency_and_value() -> None:
    project = make_project()
    project.currency = "USD"
    with pytest.raises(ValidationError) as raised:
        project.full_clean()
    assert "value_foreign" in raised.value.message_dict
    project.value_foreign = Decimal(75_000)
    project.full_clean()
