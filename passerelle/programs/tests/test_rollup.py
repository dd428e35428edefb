"""The transactions' totals kept on write (programs/rollup.py): after every kind of write they
equal a recomputation from the transactions, and a reader adds up only the transactions they
may see."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from passerelle.core.classification import Classification
from passerelle.core.reader import reading_as
from passerelle.core.testing import make_user
from passerelle.programs import services
from passerelle.programs.models import Transaction, TransactionTotal
from passerelle.programs.rollup import computed_totals, kept_totals, rebuild_totals
from passerelle.programs.tests.factories import make_project, pay

pytestmark = pytest.mark.django_db

PA, PB = Classification.PROTECTED_A, Classification.PROTECTED_B


def test_the_totals_equal_a_recomputation_after_every_kind_of_write() -> None:
    first, second = make_project(), make_project()
    moved = pay(first, "100", date(2024, 5, 1))
    pay(first, "50", date(2025, 2, 1))
    pay(first, "20", date(2024, 6, 1), kind="refund")
    pay(second, "7", date(2024, 7, 1))
    assert kept_totals() == computed_totals()
    assert kept_totals()[first.pk, "2024-25", "disbursement", 0, False] == (Decimal("150"), 2)

    moved.date = date(2025, 4, 2)  # into the next fiscal year
    moved.save()
    assert kept_totals()[first.pk, "2024-25", "disbursement", 0, False] == (Decimal("50"), 1)
    assert kept_totals() == computed_totals()

    moved.project = second  # to another project
    moved.classification = PB
    moved.save()
    assert kept_totals() == computed_totals()
    assert kept_totals()[second.pk, "2025-26", "disbursement", PB, False] == (Decimal("100"), 1)

    moved.delete()
    assert kept_totals() == computed_totals()
    first.delete()  # its transactions and their totals go with it
    assert not TransactionTotal.objects.filter(project_id=first.pk).exists()
    assert kept_totals() == computed_totals()


def test_rebuild_after_a_write_that_bypassed_save() -> None:
    project = make_project()
    Transaction.objects.bulk_create(
        [Transaction(project=project, kind="disbursement", date=date(2024, 9, 1), value=5,
                     value_cad=5) for _ in range(3)]
    )  # fmt: skip
    assert kept_totals() != computed_totals()
    out = io.StringIO()
    call_command("programs", "rebuild-totals", stdout=out)
    assert "were stale: rewritten (1 rows)" in out.getvalue()
    assert kept_totals() == computed_totals()
    assert rebuild_totals() == 1


def test_a_reader_adds_up_only_the_transactions_they_may_see() -> None:
    project = make_project()
    pay(project, "100", date(2024, 5, 1))
    secret = pay(project, "1000", date(2024, 6, 1))
    secret.classification = PB
    secret.save()
    for clearance, paid in ((PA, Decimal("100")), (PB, Decimal("1100"))):
        with reading_as(make_user(role="viewer", clearance=clearance)):
            position = services.positions().year_total("2024-25")
            by_recipient = services.totals("recipient", "2024-25")
        assert position.disbursed == paid
        assert by_recipient[project.recipient_id].disbursed == paid


def test_deferred_rewrites_each_project_once_at_the_end() -> None:
    from passerelle.programs import rollup

    project = make_project()
    with rollup.deferred():
        pay(project, "10", date(2024, 5, 1))
        pay(project, "15", date(2024, 8, 1))
        assert not TransactionTotal.objects.filter(project=project).exists()
    assert kept_totals() == computed_totals()
    assert kept_totals()[project.pk, "2024-25", "disbursement", 0, False] == (Decimal("25"), 2)
