"""The explorer (filters, chart and table, CSV) and the disparity view."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.text import fold
from passerelle.geo.models import Country
from passerelle.network.models import Office
from passerelle.operations import codes, seen, store
from passerelle.operations.chart import days_chart

if TYPE_CHECKING:
    from passerelle.operations import analytics

VIEW = "operations.view_irritantsignal"
BY_LABELS = {
    "program": _("Program"),
    "decision_month": _("Decision month"),
    "decision_year": _("Decision year"),
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
        office.choices = [("", ""), *office_choices()]
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


def country_choices() -> list[tuple[str, str]]:
    """The countries of citizenship the reader may choose: their names in the reader's
    language, in its alphabetical order (Åland among the A's)."""
    hidden = seen.hidden()["citizenship"]
    choices = [(code, name) for code, name in country_names().items() if code not in hidden]
    return sorted(choices, key=lambda choice: fold(choice[1]))


def office_names() -> dict[str, str]:
    """Office code -> the office's name in the reader's language (its code when the network
    does not record it)."""
    hidden = seen.hidden()["office"]
    names = {o.code: o.name for o in Office.objects.all()}
    return {code: names.get(code, code) for code in codes.known_offices() if code not in hidden}


def office_choices() -> list[tuple[str, str]]:
    return sorted(office_names().items(), key=lambda choice: fold(choice[1]))


def group_label(by: str, value: Any, names: dict[str, str] | None = None) -> str:
    """A group's label: a month as YYYY-MM, a program's name, a citizenship's name in `names`."""
    if by == "decision_month":
        return month_label(int(value))
    if by == "decision_year":
        return str(value)
    if by == "program":
        return str(codes.PROGRAMS.get(value, value))
    if by in ("citizenship", "office") and names:
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
        "offices": office_choices(),
        "countries": country_choices(),
        "errors": form.errors if form.is_bound else {},
        "illustrative": store.is_illustrative(),
        "illustrative_part": store.RECORDS_PART,
        "built": store.has_cube(),
    }


def last_twelve_months(by: str, filters: dict[str, Any]) -> tuple[int, int] | None:
    """The months shown when no decision year is chosen: the latest twelve of the records
    (by year: every month, so the years compare)."""
    if filters.get("year") or by == "decision_year":
        return None
    from passerelle.operations.signals import latest_periods  # Ibis: imported on use

    span = latest_periods()
    return span.current if span else None


COLUMNS = (
    ("decided", _("Decided")),
    ("approved", _("Approved")),
    ("refused", _("Refused")),
    ("withdrawn", _("Withdrawn")),
    ("approval_rate", _("Approval rate")),
    ("median_days", _("Median days")),
    ("p80_days", _("80th percentile, days")),
)


def _row(group: str, metrics: analytics.Metrics) -> dict[str, Any]:
    row = metrics.as_dict()
    for name in ("median_days", "p80_days"):
        row[name] = None if row[name] is None else round(row[name], 2)
    return {"group": group, **row}


@permission_required(VIEW)
def explorer(request: HttpRequest) -> HttpResponse:
    """Metrics of any slice of the records, grouped by program, month, year or office, with a
    total row; it opens on the latest twelve months by program. Hand-written: aggregates of the
    operations store (DuckDB files through Ibis), not database records."""
    page = _Explorer(request.GET)
    if wants_csv(request):
        figures = page.context
        columns = [("group", BY_LABELS[figures["by"]]), *COLUMNS]
        marking = {"classification": 0, "illustrative": figures["illustrative"]}
        every = [*figures["rows"], figures["total"]] if figures["total"] else figures["rows"]
        return csv_response(every, columns, filename="operations", marking=marking)
    # Computed when the template first asks, which keeps the page's body until the next write
    # or the next store generation ({% kept %}: the generation is part of the data version,
    # operations/apps.py): served from there, no roll-up, chart or choice list is made again.
    context: dict[str, Any] = {name: _lazy(page, name) for name in _Explorer.NAMES}
    context["keep_until_write"] = True
    context["query"] = request.GET.urlencode()
    return render(request, "operations/explorer.html", context)


def _lazy(page: _Explorer, name: str) -> Any:
    return lambda: page.context.get(name)


class _Explorer:
    """The explorer's figures for a query: the filters, the rows and total, the chart."""

    NAMES = (
        *("form", "by", "by_label", "by_choices", "selected", "programs", "offices"),
        *("countries", "errors", "illustrative", "illustrative_part", "built"),
        *("rows", "total", "months", "chart"),
    )

    def __init__(self, query: Any) -> None:
        self.query = query

    @cached_property
    def context(self) -> dict[str, Any]:
        from passerelle.operations import analytics  # Ibis: imported by the page that needs it

        form = ExplorerForm(self.query or None)
        valid, by, filters = read_filters(form, default_by="program")
        context = filter_context(form, filters, by, BY_LABELS)
        rows: list[dict[str, Any]] = []
        total: dict[str, Any] | None = None
        months = last_twelve_months(by, filters) if valid else None
        if valid and store.has_cube():
            sliced = {**filters, "months": months}
            names = office_names() if by == "office" else {}
            for key, metrics in analytics.breakdown(by=(by,), **sliced):
                rows.append(_row(group_label(by, key[by], names), metrics))
            if rows:
                total = _row(str(_("Total")), analytics.rollup(**sliced))
        context["rows"] = rows
        context["total"] = total
        context["months"] = (month_label(months[0]), month_label(months[1])) if months else None
        if rows:
            context["chart"] = days_chart(
                [r["group"] for r in rows],
                [r["median_days"] for r in rows],
                [r["p80_days"] for r in rows],
                median_label=str(_("Median")),
                p80_label=str(_("80th percentile")),
                axis_label=str(_("Days from receipt to decision")),
                lines=by in ("decision_month", "decision_year"),
            )
        return context


@permission_required(VIEW)
def disparity_view(request: HttpRequest) -> HttpResponse:
    """Refusal rates by citizenship, crude and standardised for program mix. Hand-written:
    statistics of the operations store, not database records."""
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
        "illustrative_part": store.RECORDS_PART,
    }
    return render(request, "operations/disparity.html", context)
