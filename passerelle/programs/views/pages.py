"""The program's pages, declared over the kernel's generic views (core/views/generic.py): the
envelopes, initiatives and projects (list, detail, edit, delete, history) and the records of a
project (amendments, budget lines, transactions, sectors, policy markers, documents, results,
indicators, periods, disaggregations) and of an envelope (allocations), each added from its
parent's page and returning to it."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _

from passerelle.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)
from passerelle.core.views.routes import object_routes
from passerelle.programs import forms, services, tables
from passerelle.programs.filters import ProjectFilterSet
from passerelle.programs.models import (
    Amendment,
    BudgetLine,
    Disaggregation,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Initiative,
    PolicyMarker,
    Project,
    ProjectDocument,
    ProjectSector,
    Result,
    Transaction,
)

# --- Funding envelopes ------------------------------------------------------------------------


class EnvelopeListView(ObjectListView):
    queryset = FundingEnvelope.objects.all()
    table = tables.EnvelopeTable
    template_name = "programs/envelope_list.html"


class EnvelopeDetailView(ObjectDetailView):
    queryset = FundingEnvelope.objects.all()
    lookup_field = "slug"
    route_name = "envelope"
    template_name = "programs/envelope_detail.html"
    panels: ClassVar[list[Any]] = [
        (_("Allocations by fiscal year"), tables.AllocationTable, lambda e: e.allocations.all()),
        (
            _("Projects"),
            tables.ProjectTable,
            lambda e: e.projects.select_related("recipient", "initiative").prefetch_related(
                "countries"
            ),
        ),
    ]

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        found = services.positions(envelopes=[record])
        return {"positions": [(year, found.cell(record, year)) for year in found.years]}


class EnvelopeEditView(ObjectEditView):
    queryset = FundingEnvelope.objects.all()
    lookup_field = "slug"
    route_name = "envelope"
    form = forms.EnvelopeForm


# --- Initiatives ------------------------------------------------------------------------------


class InitiativeListView(ObjectListView):
    queryset = Initiative.objects.select_related("forum").prefetch_related("countries")
    table = tables.InitiativeTable


class InitiativeDetailView(ObjectDetailView):
    queryset = Initiative.objects.select_related("forum")
    lookup_field = "slug"
    route_name = "initiative"
    template_name = "programs/initiative_detail.html"
    panels: ClassVar[list[Any]] = [
        (
            _("Projects"),
            tables.ProjectTable,
            lambda i: i.projects.select_related("recipient", "envelope").prefetch_related(
                "countries"
            ),
        ),
    ]

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        achieved = services.achievements("initiative").get(record.pk)
        return {"figures": list(record.figures.all()), "achieved": achieved}


class InitiativeEditView(ObjectEditView):
    queryset = Initiative.objects.all()
    lookup_field = "slug"
    route_name = "initiative"
    form = forms.InitiativeForm


# --- Projects ---------------------------------------------------------------------------------

PROJECTS = Project.objects.select_related("recipient", "envelope", "initiative")


class ProjectListView(ObjectListView):
    queryset = PROJECTS.prefetch_related("countries")
    table = tables.ProjectTable
    filterset = ProjectFilterSet
    template_name = "programs/project_list.html"


class ProjectDetailView(ObjectDetailView):
    queryset = PROJECTS.prefetch_related("countries")
    template_name = "programs/project_detail.html"
    panels: ClassVar[list[Any]] = [
        (_("Amendments"), tables.AmendmentTable, lambda p: p.amendments.all()),
        (_("Budget by fiscal year"), tables.BudgetTable, lambda p: p.budget_lines.all()),
        (_("Transactions"), tables.TransactionTable, lambda p: p.transactions.all()),
        (_("Sectors"), tables.SectorTable, lambda p: p.sectors.all()),
        (_("Policy markers"), tables.MarkerTable, lambda p: p.policy_markers.all()),
        (_("Documents"), tables.DocumentTable, lambda p: p.documents.all()),
    ]

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        results = record.results.prefetch_related("indicators__periods__disaggregations")
        return {
            "current_value": record.current_value(),
            "disbursed": record.disbursed_seen(),
            "results": list(results),
        }


class ProjectEditView(ObjectEditView):
    queryset = Project.objects.all()
    form = forms.ProjectForm


# --- A parent's records -----------------------------------------------------------------------


class ChildEditView(ObjectEditView):
    """Adds a record from its parent's page (`?project=12`), and returns to it."""

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        parent = self.form.parent  # type: ignore[attr-defined]
        return {parent: request.GET.get(parent)} if request.GET.get(parent) else {}


class ChildDeleteView(ObjectDeleteView):
    """Deletes a record and returns to its parent's page."""

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self._parent_url = self.get_object(request, **kwargs).get_absolute_url()
        return super().post(request, **kwargs)

    def urls(self, request: HttpRequest, record: Any = None) -> dict[str, str]:
        urls = super().urls(request, record)
        if record is None and getattr(self, "_parent_url", None):
            urls["list_url"] = self._parent_url
        return urls


def child_routes(prefix: str, name: str, model: type[Any], form: type[Any]) -> list[URLPattern]:
    """Add, edit, delete and history of a parent's record."""
    attributes = {"queryset": model.objects.all(), "route_name": name}
    return object_routes(
        prefix,
        name,
        type(f"{model.__name__}EditView", (ChildEditView,), {**attributes, "form": form}),
        type(f"{model.__name__}DeleteView", (ChildDeleteView,), attributes),
        type(f"{model.__name__}HistoryView", (ObjectHistoryView,), attributes),
    )


CHILDREN = (
    ("allocations/", "allocation", EnvelopeAllocation, forms.AllocationForm),
    ("amendments/", "amendment", Amendment, forms.AmendmentForm),
    ("budget-lines/", "budget", BudgetLine, forms.BudgetLineForm),
    ("transactions/", "transaction", Transaction, forms.TransactionForm),
    ("sectors/", "sector", ProjectSector, forms.SectorForm),
    ("policy-markers/", "marker", PolicyMarker, forms.PolicyMarkerForm),
    ("documents/", "document", ProjectDocument, forms.DocumentForm),
    ("results/", "result", Result, forms.ResultForm),
    ("indicators/", "indicator", Indicator, forms.IndicatorForm),
    ("periods/", "period", IndicatorPeriod, forms.PeriodForm),
    ("disaggregations/", "disaggregation", Disaggregation, forms.DisaggregationForm),
)

urlpatterns = [
    *object_routes(
        "envelopes/",
        "envelope",
        EnvelopeListView,
        EnvelopeDetailView,
        EnvelopeEditView,
    ),
    *object_routes(
        "initiatives/",
        "initiative",
        InitiativeListView,
        InitiativeDetailView,
        InitiativeEditView,
    ),
    *object_routes(
        "projects/",
        "project",
        ProjectListView,
        ProjectDetailView,
        ProjectEditView,
    ),
]
for _prefix, _name, _model, _form in CHILDREN:
    urlpatterns += child_routes(_prefix, _name, _model, _form)
