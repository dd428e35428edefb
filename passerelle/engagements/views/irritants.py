"""The irritants: a board with one column per lifecycle status (raised → acknowledged →
response provided → resolved, and recurring), downloadable as CSV with `?format=csv`; one page
per irritant with the engagements where it was raised and its evidence; create and edit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.marking import page_marking
from passerelle.engagements import services
from passerelle.engagements.filters import IrritantFilterSet
from passerelle.engagements.forms import IrritantForm
from passerelle.engagements.models import Evidence, Irritant
from passerelle.engagements.views.editing import (
    require,
    submit,
    user_of,
)

IRRITANT_COLUMNS: list[tuple[Any, Any]] = [
    ("title", _("Title")),
    (lambda i: getattr(i.party, "name", ""), _("Partner")),
    (lambda i: i.get_kind_display(), _("Type")),
    (lambda i: i.get_status_display(), _("Status")),
    (lambda i: i.get_severity_display(), _("Severity")),
    ("raised_on", _("First raised")),
    ("resolved_on", _("Resolved on")),
    (lambda i: i.get_classification_display(), _("Classification")),
    ("illustrative", _("Illustrative")),
]


@login_required
def irritant_board(request: HttpRequest) -> HttpResponse:
    """Irritants in columns by lifecycle status, filterable by type, severity and partner."""
    user = user_of(request)
    visible = services.irritants(user)
    filterset = IrritantFilterSet(request.GET, queryset=visible, request=request)
    shown = filterset.qs
    if wants_csv(request):
        return csv_response(shown, IRRITANT_COLUMNS, "irritants", page_marking(shown))
    by_status: dict[str, list[Irritant]] = {value: [] for value in Irritant.Status.values}
    for irritant in shown:
        by_status[irritant.status].append(irritant)
    columns = [
        {"status": value, "label": label, "irritants": by_status[value]}
        for value, label in Irritant.Status.choices
    ]
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "columns": columns,
        "count": sum(len(v) for v in by_status.values()),
        "total": visible.count(),
        "errors": filterset.errors,
        "kinds": Irritant.Kind.choices,
        "severities": Irritant.Severity.choices,
        "selected": request.GET,
        "query": query.urlencode(),
        "can_add": user.has_perm("engagements.add_irritant"),
        **page_marking(shown),
    }
    return render(request, "engagements/irritant_board.html", context)


@login_required
def irritant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One irritant: its partner, lifecycle, the engagements where it was raised, its evidence."""
    user = user_of(request)
    irritant = get_object_or_404(services.irritants(user), pk=pk)
    raised_at = services.engagements(user).filter(irritants=irritant).order_by("-start_date")
    evidence = Evidence.objects.restrict(user, "view").filter(irritant=irritant)
    context = {
        "irritant": irritant,
        "engagements": raised_at,
        "evidence": evidence,
        "lifecycle": Irritant.Status.choices,
        "can_change": user.has_perm("engagements.change_irritant"),
        **page_marking(irritant, raised_at, evidence),
    }
    return render(request, "engagements/irritant_detail.html", context)


def _irritant_form_page(request: HttpRequest, irritant: Irritant | None) -> HttpResponse:
    user = user_of(request)
    instance = irritant or Irritant()
    data = request.POST if request.method == "POST" else None
    submission = submit(IrritantForm, data, instance, user=user)
    if submission.saved is not None:
        return redirect("engagements:irritant_detail", pk=submission.saved.pk)
    context = {
        "irritant": irritant,
        "form": submission.form,
        **submission.context,
        **page_marking(irritant),
    }
    return render(request, "engagements/irritant_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def irritant_create(request: HttpRequest) -> HttpResponse:
    require(request, Irritant, "add")
    return _irritant_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def irritant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, Irritant, "change")
    irritant = get_object_or_404(Irritant.objects.restrict(user_of(request), "change"), pk=pk)
    return _irritant_form_page(request, irritant)


urlpatterns: list[Any] = [
    path("irritants/", irritant_board, name="irritant_board"),
    path("irritants/new/", irritant_create, name="irritant_create"),
    path("irritants/<int:pk>/", irritant_detail, name="irritant_detail"),
    path("irritants/<int:pk>/edit/", irritant_edit, name="irritant_edit"),
]
