"""The explorer (filters, chart and table, CSV) and the disparity view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from passerelle.core.csv import csv_response, wants_csv
from passerelle.geo.models import Country
from passerelle.operations import codes, store
from passerelle.operations.chart import days_chart

VIEW = "operations.view_irritantsignal"
BY_LABELS = {
    "decision_month": _("Decision month"),
    "program": _("Program"),
    "office": _("Office"),
}


class ExplorerForm(forms.Form):
    citizenship = forms.CharField(label=_("Citizenship"), required=False, max_length=3)
    office = forms.ChoiceField(label=_("Office"), required=False)
    program = forms.ChoiceField(label=_("Program"), required=False)
    year = forms.IntegerField(label=_("Decision year"), required=False, min_value=1900)
    by = forms.ChoiceField(label=_("Group by"), required=False, choices=list(BY_LABELS.items()))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        office, program = self.fields["office"], self.fields["program"]
        assert isinstance(office, forms.ChoiceField) and isinstance(program, forms.ChoiceField)
        office.choices = [("", ""), *((c, c) for c in sorted(codes.known_offices()))]
        program.choices = [("", ""), *codes.PROGRAMS.items()]

    def clean_citizenship(self) -> str:
        value = (self.cleaned_data.get("citizenship") or "").upper()
        if value and value not in codes.known_countries():
            raise forms.ValidationError(_("Enter an ISO alpha-3 code, such as IND."))
        return value


def month_label(month: int) -> str:
    return f"{month // 100}-{month % 100:02d}" if month else ""


def country_names() -> dict[str, str]:
    return {c.iso_alpha3: c.name for c in Country.objects.all()}


def group_label(by: str, value: Any, names: dict[str, str] | None = None) -> str:
    """A group's label: a month as YYYY-MM, a program's name, a citizenship's name in `names`."""
    if by == "decision_month":
        return month_label(int(value))
    if by == "program":
        return str(codes.PROGRAMS.get(value, value))
    if by == "citizenship" and names:
        return names.get(value, value)
    return str(value)


def read_filters(form: forms.Form, *, default_by: str) -> tuple[bool, str, dict[str, Any]]:
    """Whether the filters are valid (an unbound form is), the grouping asked for, and the
    filters (citizenship, office, program, year; None where not given)."""
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    filters = {k: data.get(k) or None for k in ("citizenship", "office", "program", "year")}
    return valid, data.get("by") or default_by, filters


def filter_context(
    form: forms.Form, filters: dict[str, Any], by: str, labels: dict[str, Any]
) -> dict[str, Any]:
    """What the filters include (operations/_filters.html) and the page around it need."""
    return {
        "form": form,
        "by": by,
        "by_label": labels[by],
        "by_choices": list(labels.items()),
        "selected": {**{k: v or "" for k, v in filters.items()}, "by": by},
        "programs": list(codes.PROGRAMS.items()),
        "offices": sorted(codes.known_offices()),
        "errors": form.errors if form.is_bound else {},
        "illustrative": store.is_illustrative(),
        "built": store.has_cube(),
    }


@permission_required(VIEW)
def explorer(request: HttpRequest) -> HttpResponse:
    """Metrics of any slice of the records, grouped by month, program or office."""
    from passerelle.operations import analytics  # Ibis: imported by the page that needs it

    form = ExplorerForm(request.GET or None)
    valid, by, filters = read_filters(form, default_by="decision_month")
    context = filter_context(form, filters, by, BY_LABELS)
    rows: list[dict[str, Any]] = []
    if valid and store.has_cube():
        for key, metrics in analytics.breakdown(by=(by,), **filters):
            row = metrics.as_dict()
            for name in ("median_days", "p80_days"):
                row[name] = None if row[name] is None else round(row[name], 2)
            rows.append({"group": group_label(by, key[by]), **row})
    context["rows"] = rows
    if wants_csv(request):
        columns = [("group", BY_LABELS[by])] + [
            (name, label)
            for name, label in (
                ("decided", _("Decided")),
                ("approved", _("Approved")),
                ("refused", _("Refused")),
                ("withdrawn", _("Withdrawn")),
                ("approval_rate", _("Approval rate")),
                ("median_days", _("Median days")),
                ("p80_days", _("80th percentile, days")),
            )
        ]
        marking = {"classification": 0, "illustrative": context["illustrative"]}
        return csv_response(rows, columns, filename="operations", marking=marking)
    if rows:
        context["chart"] = days_chart(
            [r["group"] for r in rows],
            [r["median_days"] for r in rows],
            [r["p80_days"] for r in rows],
            median_label=str(_("Median")),
            p80_label=str(_("80th percentile")),
            axis_label=str(_("Days from receipt to decision")),
            lines=by == "decision_month",
        )
    context["query"] = request.GET.urlencode()
    return render(request, "operations/explorer.html", context)


@permission_required(VIEW)
def disparity_view(request: HttpRequest) -> HttpResponse:
    """Refusal rates by citizenship, crude and standardised for program mix."""
    from passerelle.operations.disparity import disparity  # Ibis, imported by this page

    result = disparity()
    names = country_names()
    rows = []
    if result:
        for row in result.rows:
            rows.append({"row": row, "name": names.get(row.citizenship, row.citizenship)})
    weights = (
        [(codes.PROGRAMS.get(p, p), w) for p, w in sorted(result.weights.items())] if result else []
    )
    context = {
        "result": result,
        "rows": rows,
        "weights": weights,
        "period": (month_label(result.span.current[0]), month_label(result.span.current[1]))
        if result
        else None,
        "illustrative": store.is_illustrative(),
    }
    return render(request, "operations/disparity.html", context)
