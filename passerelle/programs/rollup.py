"""The transactions' totals kept on write (`TransactionTotal`): a project's transactions added
up by fiscal year, kind, classification and illustrative flag, rewritten from its transactions
after each save or delete of one of them, so that the dashboard and the totals add up a few
rows a project rather than every transaction, and always equal a recomputation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum

from passerelle.core.deferral import Deferral
from passerelle.core.reader import as_system
from passerelle.programs.fiscal import fiscal_year_of


def computed_totals(project_ids: Iterable[int] | None = None) -> dict[tuple[Any, ...], Any]:
    """The totals recomputed from the transactions (of `project_ids`, or of every project), by
    (project, fiscal year, kind, classification, illustrative): (value in CAD, count)."""
    from passerelle.programs.models import Transaction

    with as_system():
        found = Transaction.objects.all()
        if project_ids is not None:
            found = found.filter(project_id__in=list(project_ids))
        rows = (
            found.values("project_id", "kind", "classification", "illustrative", "date")
            .annotate(total=Sum("value_cad"), n=Count("pk"))
            .order_by()
        )
        totals: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [None, 0])
        for row in rows:
            key = (
                row["project_id"],
                fiscal_year_of(row["date"]),
                row["kind"],
                row["classification"],
                row["illustrative"],
            )
            if row["total"] is not None:
                totals[key][0] = (totals[key][0] or Decimal(0)) + row["total"]
            totals[key][1] += row["n"]
    return {key: tuple(value) for key, value in totals.items()}


def deferred() -> AbstractContextManager[None]:
    """Within it, the projects whose transactions are saved are noted, and their totals
    rewritten once at the end (an import of a thousand activities, each with its transactions,
    rewrites each project's totals once, not once a transaction). The caller's transaction
    holds both."""
    return _totals.deferred()


def refresh_totals(project_ids: Iterable[int | None]) -> None:
    """Rewrite the totals of `project_ids` from their transactions (in the caller's
    transaction, or in one of its own); inside `deferred()`, at its end."""
    from passerelle.programs.models import TransactionTotal

    ids = sorted({pk for pk in project_ids if pk is not None})
    if not ids or _totals.note(ids):
        return
    with transaction.atomic(), as_system():
        TransactionTotal._base_manager.filter(project_id__in=ids).delete()
        TransactionTotal._base_manager.bulk_create(
            [
                TransactionTotal(
                    project_id=project,
                    fiscal_year=year,
                    kind=kind,
                    classification=classification,
                    illustrative=illustrative,
                    value_cad=value,
                    count=count,
                )
                for (project, year, kind, classification, illustrative), (value, count) in (
                    computed_totals(ids).items()
                )
            ]
        )


_totals: Deferral[int] = Deferral("programs_totals_deferred", refresh_totals)


def kept_totals() -> dict[tuple[Any, ...], Any]:
    """The totals as kept, keyed as `computed_totals` keys them."""
    from passerelle.programs.models import TransactionTotal

    with as_system():
        rows = TransactionTotal._base_manager.values_list(
            "project_id", "fiscal_year", "kind", "classification", "illustrative", "value_cad",
            "count",
        )  # fmt: skip
        return {tuple(row[:5]): (row[5], row[6]) for row in rows}


def rebuild_totals() -> int:
    """Every project's totals rewritten from the transactions (after writes that bypassed
    `Transaction.save`, e.g. a bulk load); the number of rows kept."""
    from passerelle.programs.models import Project, TransactionTotal

    with transaction.atomic(), as_system():
        # every project's rows rewritten (a row's project always exists: they go together)
        ids = list(Project._base_manager.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            refresh_totals(ids[start : start + 500])
        return TransactionTotal._base_manager.count()
