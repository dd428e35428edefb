"""Compliance with the service standards: the share of approved and refused decisions made within
their program's standard, by program, office, citizenship or decision month (table and CSV)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from passerelle.core.csv import csv_response, wants_csv
from passerelle.operations import codes, store
from passerelle.operations.models import ServiceStandard
from passerelle.operations.views.explorer import (
    VIEW,
    ExplorerForm,
    country_names,
    filter_context,
    group_label,
    read_filters,
)

BY_LABELS = {
    "program": _("Program"),
    "office": _("Office"),
    "citizenship": _("Citizenship"),
    "decision_month": _("Decision month"),
}


class ComplianceForm(ExplorerForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        by = self.fields["by"]
        assert isinstance(by, forms.ChoiceField)
        by.choices = list(BY_LABELS.items())


@permission_required(VIEW)
def compliance_view(request: HttpRequest) -> HttpResponse:
    """Decisions within the service standard, grouped as asked, against the target share.
    Hand-written: aggregates computed from the operations store (DuckDB files, not database
    records), so there is no queryset to declare a list over."""
    from passerelle.operations.compliance import compliance  # Ibis, imported by this page

    form = ComplianceForm(request.GET or None)
    valid, by, filters = read_filters(form, default_by="program")
    standards = {s.program: s for s in ServiceStandard.objects.all()}
    targets = {s.target for s in standards.values()}
    names = country_names() if by == "citizenship" else {}
    rows: list[dict[str, Any]] = []
    if valid and store.has_cube() and standards:
        found = compliance(by=by, **filters)
        if by == "program":  # in the order of the program codes, as everywhere else
            found.sort(key=lambda row: list(codes.PROGRAMS).index(row["program"]))
        for row in found:
            standard = standards.get(row[by]) if by == "program" else None
            target = standard.target if standard else None
            if target is None and len(targets) == 1:
                target = next(iter(targets))
            share = row["share"]
            rows.append(
                {
                    "group": group_label(by, row[by], names),
                    "decisions": row["decisions"],
                    "within": row["within"],
                    "share": share,
                    "target": target,
                    "meets": None if target is None or share is None else share >= target,
                    "days": standard.days if standard else None,
                }
            )
    illustrative = store.is_illustrative()
    if wants_csv(request):
        columns = [
            ("group", BY_LABELS[by]),
            ("decisions", _("Decisions with a standard")),
            ("within", _("Within the standard")),
            ("share", _("Share within")),
            ("target", _("Target share")),
        ]
        marking = {"classification": 0, "illustrative": illustrative}
        return csv_response(rows, columns, filename="compliance", marking=marking)
    context = filter_context(form, filters, by, BY_LABELS)
    context |= {"rows": rows, "standards": bool(standards), "query": request.GET.urlencode()}
    return render(request, "operations/compliance.html", context)
