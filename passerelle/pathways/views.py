"""The pathways' pages, declared over the kernel's generic views: the crisis-response overview
(the measures' list), a page per measure (timeline, commitments and their history, funnel,
progress against each commitment with its projection, our records beside the published
figures), and the list, add, edit, delete and history pages of every record."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from passerelle.pathways import charts, services
from passerelle.pathways.filters import (
    CommitmentFilterSet,
    EventFilterSet,
    PathwayFilterSet,
    ProgressFilterSet,
)
from passerelle.pathways.forms import CommitmentForm, EventForm, PathwayForm, ProgressForm
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure, Stage
from passerelle.pathways.records import records_funnel
from passerelle.pathways.tables import CommitmentTable, EventTable, PathwayTable, ProgressTable


def _lazy(text: str) -> str:
    return cast(str, gettext_lazy(text))


PATHWAYS = Pathway.objects.prefetch_related(
    "events", "commitments__source", "progress__source", "countries", "partners"
)


class PathwayListView(ObjectListView):
    """The crisis-response overview: each measure's status, commitments, latest published
    figure and next event, then the table of measures."""

    queryset = PATHWAYS
    table = PathwayTable
    filterset = PathwayFilterSet
    template_name = "pathways/overview.html"
    route_name = "pathway"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"summaries": [services.summary(p) for p in self.get_queryset(request)]}


class PathwayDetailView(ObjectDetailView):
    queryset = PATHWAYS
    lookup_field = "slug"
    template_name = "pathways/pathway_detail.html"
    route_name = "pathway"
    # titles translated when the page is drawn (the kernel's type says str: a lazy one is one)
    panels = [
        (_lazy("Timeline"), EventTable, services.timeline),
        (_lazy("Commitments and caps, every version"), CommitmentTable, services.versions),
        (_lazy("Published progress"), ProgressTable, lambda p: p.progress.all()),
    ]

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        summary = services.summary(record)
        funnel = services.latest_figures(record)
        found = records_funnel(record)
        return {
            "summary": summary,
            "funnel": funnel,
            "funnel_chart": _funnel_chart(funnel, found),
            "progress": [_progress(record, c, summary) for c in summary.commitments],
            "records": found,
            "method": services.METHOD,
            "brief_url": reverse("pathways:pathway_brief", kwargs={"slug": record.slug}),
        }


def _funnel_chart(funnel: list[ProgressFigure], found: Any) -> str:
    if not funnel:
        return ""
    counted = {"received": found.received, "approved": found.approved} if found else {}
    labels = [f"{f.get_stage_display()} ({f.get_unit_display()})" for f in funnel]
    records = [counted.get(f.stage) if f.unit == "applications" else None for f in funnel]
    return charts.funnel_chart(
        labels,
        [f.value for f in funnel],
        records,
        published_label=_("Published"),
        records_label=_("Our records (illustrative)"),
    )


def _progress(pathway: Pathway, commitment: Commitment, summary: Any) -> dict[str, Any]:
    seen = services.observations(pathway, commitment)
    projection = summary.projections[commitment.pk]
    chart = ""
    if seen:
        projected = None
        if projection.expected:
            projected = (projection.expected, projection.earliest, projection.latest)
        chart = charts.progress_chart(
            [f.as_of for f in seen],
            [f.value for f in seen],
            target=commitment.target,
            target_label=str(commitment.label),
            projected=projected,
            axis_label=str(Stage(commitment.stage).label),
        )
    return {
        "commitment": commitment,
        "observations": seen,
        "chart": chart,
        "projection": projection,
        "history": services.history(pathway, commitment.key),
    }


class PathwayEditView(ObjectEditView):
    queryset = Pathway.objects.all()
    lookup_field = "slug"
    form = PathwayForm
    route_name = "pathway"


class _OfPathwayEdit(ObjectEditView):
    """An add page may be opened from a measure's page: `?pathway=<slug>` chooses it."""

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        slug = request.GET.get("pathway", "")
        found = Pathway.objects.filter(slug=slug).first() if slug else None
        return {"pathway": found.pk} if found else {}


HIDDEN_FIELDS = {
    "id",
    "created",
    "last_updated",
    "version",
    "pathway",
    "source",
    "locator_en",
    "locator_fr",
    "as_printed",
    "secondary",
    "classification",
    "illustrative",
}


class RecordDetailView(ObjectDetailView):
    """An event's, a commitment's or a figure's page: its fields, then its source."""

    template_name = "pathways/record_detail.html"

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        fields = []
        for field in record._meta.concrete_fields:
            if field.name in HIDDEN_FIELDS:
                continue
            display = getattr(record, f"get_{field.name}_display", None)
            value = (
                display() if callable(display) and field.choices else getattr(record, field.name)
            )
            fields.append((field.verbose_name, "—" if value in (None, "") else value))
        return {"fields": fields}


def _declare(model: Any, name: str, table: Any, filterset: Any, form: Any) -> list[type[Any]]:
    """The list, detail and edit pages of one kind of record (object_routes gives the generic
    delete and history pages)."""
    queryset = model.objects.select_related("pathway", "source")
    attrs = {"queryset": queryset, "route_name": name}
    return [
        type(
            f"{model.__name__}ListView",
            (ObjectListView,),
            {**attrs, "table": table, "filterset": filterset},
        ),
        type(f"{model.__name__}DetailView", (RecordDetailView,), attrs),
        type(f"{model.__name__}EditView", (_OfPathwayEdit,), {**attrs, "form": form}),
    ]


EVENT_VIEWS = _declare(PathwayEvent, "event", EventTable, EventFilterSet, EventForm)
COMMITMENT_VIEWS = _declare(
    Commitment, "commitment", CommitmentTable, CommitmentFilterSet, CommitmentForm
)
PROGRESS_VIEWS = _declare(
    ProgressFigure, "progress", ProgressTable, ProgressFilterSet, ProgressForm
)
