"""The irritants: a board with one column per lifecycle status (raised → acknowledged →
response provided → resolved, and recurring), downloadable as CSV with `?format=csv`; one page
per irritant with the engagements where it was raised and its evidence; add, edit, delete and
history. All declared over the kernel's generic views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from passerelle.engagements.filters import IrritantFilterSet
from passerelle.engagements.forms import IrritantForm
from passerelle.engagements.models import Engagement, Evidence, Irritant
from passerelle.engagements.tables import EngagementTable, IrritantTable


class IrritantView(ObjectView):
    queryset = Irritant.objects.select_related("country", "organization")


class IrritantListView(IrritantView, ObjectListView):
    """Irritants in columns by lifecycle status (the template's table block is the board),
    filterable by type, status, severity, partner and classification."""

    table = IrritantTable
    filterset = IrritantFilterSet
    template_name = "engagements/irritant_board.html"
    filename = "irritants"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        queryset = self.get_queryset(request)
        filterset = IrritantFilterSet(request.GET or None, queryset=queryset, request=request)
        shown = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        if filterset.is_bound and not filterset.is_valid():
            shown = queryset.none()
        by_status: dict[str, list[Irritant]] = {value: [] for value in Irritant.Status.values}
        for irritant in shown:
            by_status[irritant.status].append(irritant)
        columns = [
            {"status": value, "label": label, "irritants": by_status[value]}
            for value, label in Irritant.Status.choices
        ]
        return {"columns": columns, "count": sum(len(v) for v in by_status.values())}


class IrritantDetailView(IrritantView, ObjectDetailView):
    """One irritant: its partner, lifecycle, the engagements where it was raised, its
    evidence."""

    template_name = "engagements/irritant_detail.html"
    context_object_name = "irritant"
    panels = [
        (
            _("Engagements where it was raised"),
            EngagementTable,
            lambda i: Engagement.objects.filter(irritants=i),
        ),
    ]

    def extra_context(self, request: HttpRequest, irritant: Any) -> dict[str, Any]:
        return {
            "evidence": Evidence.objects.filter(irritant=irritant),
            "lifecycle": Irritant.Status.choices,
        }


class IrritantEditView(IrritantView, ObjectEditView):
    form = IrritantForm
    template_name = "engagements/irritant_form.html"
