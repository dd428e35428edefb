"""The engagements' pages: the index and the engagements' section of a country's page (written
here: neither is one model's list or record), and the engagements' list, record, edit, delete and
history pages, declared over the kernel's generic views (core/views/generic.py). Follow-ups and
commitments are in followups.py, irritants in irritants.py. Every read is the request's reader's
(core/reader.py): a linked record the reader may not see reads as None, and the page is marked
with what it shows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tables2 import RequestConfig

from passerelle.core import editing
from passerelle.core.forms import error_links
from passerelle.core.querysets import permission_name
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from passerelle.engagements import services
from passerelle.engagements.filters import EngagementFilterSet
from passerelle.engagements.forms import EngagementForm, ParticipantFormSet
from passerelle.engagements.models import (
    CANADIAN_LEVELS,
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Participant,
)
from passerelle.engagements.tables import (
    CommitmentTable,
    EngagementImportLayout,
    EngagementTable,
    FollowUpTable,
)
from passerelle.geo.models import Country


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where to start: upcoming and recent engagements, overdue follow-ups, open irritants.
    Hand-written: a dashboard of figures and short lists linking to the declared lists."""
    user = request.user
    figures = services.index_figures(user=user)  # type: ignore[arg-type]
    context = {
        "figures": figures,
        "upcoming": _table(request, figures.upcoming, _("The next engagements, soonest first")),
        "recent": _table(request, figures.recent, _("The latest engagements, most recent first")),
        "can_add": user.has_perm(permission_name(Engagement, "add")),
    }
    return render(request, "engagements/index.html", context)


def _table(request: HttpRequest, engagements: list[Engagement], caption: Any) -> EngagementTable:
    table = EngagementTable(engagements, orderable=False)
    table.caption = caption
    RequestConfig(request, paginate=False).configure(table)
    return table


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's engagements section: its engagements (most recent first, upcoming
    marked), open irritants, open follow-ups (overdue highlighted) and commitments; nothing when
    there is none the user may see."""
    activity = services.country_activity(user=request.user, country=country)  # type: ignore[arg-type]
    if not activity:
        return None
    return "engagements/country_panel.html", {
        "activity": activity,
        "today": timezone.localdate(),
        "shown": activity.shown,
    }


def may_import(request: HttpRequest, model: type[Any]) -> bool:
    """Whether the reader may import `model`'s records (add and change them)."""
    user = request.user
    return user.has_perm(permission_name(model, "add")) and user.has_perm(
        permission_name(model, "change")
    )


class EngagementListView(ObjectListView):
    """Engagements, most recent first, filtered by partner, level, topic, objective, period,
    channel, kind, classification and words; `?format=csv` downloads them, `&layout=import` in
    the importer's layout."""

    queryset = Engagement.objects.select_related("forum", "place_country").prefetch_related(
        "countries", "organizations", "topics", "objectives", "participants"
    )
    table = EngagementTable
    export_tables = {"import": EngagementImportLayout}
    filterset = EngagementFilterSet
    template_name = "engagements/engagement_list.html"
    filename = "engagements"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_import": may_import(request, Engagement)}


def _participants_by_side(participants: QuerySet[Participant]) -> list[dict[str, Any]]:
    order: dict[str, int] = {str(level): i for i, level in enumerate(CANADIAN_LEVELS)}
    sides = []
    for side, label in Participant.Side.choices:
        people = sorted(
            (p for p in participants if p.side == side), key=lambda p: order.get(p.level, 99)
        )
        if people:
            sides.append({"side": side, "label": label, "participants": people})
    return sides


class EngagementDetailView(ObjectDetailView):
    """One engagement: when, where, with whom, about what, what came of it (its follow-ups and
    commitments) and what was raised."""

    queryset = Engagement.objects.select_related("forum", "place_country")
    template_name = "engagements/engagement_detail.html"
    context_object_name = "engagement"
    panels = [
        (_("Follow-ups"), FollowUpTable, lambda e: FollowUp.objects.filter(engagement=e)),
        (_("Commitments"), CommitmentTable, lambda e: Commitment.objects.filter(engagement=e)),
    ]

    def extra_context(self, request: HttpRequest, engagement: Any) -> dict[str, Any]:
        participants = Participant.objects.filter(engagement=engagement).select_related(
            "country", "organization"
        )
        return {
            "sides": _participants_by_side(participants),
            "irritants": Irritant.objects.filter(engagements=engagement),
            "upcoming": engagement.start_date >= timezone.localdate(),
            "can_add_follow_up": request.user.has_perm(permission_name(FollowUp, "add")),
            "can_add_commitment": request.user.has_perm(permission_name(Commitment, "add")),
        }


class EngagementEditView(ObjectEditView):
    """Record or edit an engagement with its participants in the same page: both saved, or
    neither, and a save over someone else's newer change refused (core/editing.py)."""

    queryset = Engagement.objects.all()
    form = EngagementForm
    template_name = "engagements/engagement_form.html"

    def submit(
        self, request: HttpRequest, data: Any, record: Any, initial: dict[str, Any]
    ) -> editing.Submission:
        user = request.user
        form = EngagementForm(data, instance=record, user=user, initial=initial)
        participants = ParticipantFormSet(data, instance=record, user=user, prefix="participants")
        if data is None:
            return editing.Submission(form, context={"participants": participants})
        if not (form.is_valid() and participants.is_valid()):
            links = error_links(form, participants)
            return editing.Submission(
                form, context={"participants": participants, "error_links": links}
            )
        result = editing.save_versioned(form, formsets=[participants])
        if result.record is not None:
            return editing.Submission(form, saved=result.record)
        fresh = Engagement._base_manager.get(pk=record.pk)
        data = editing.with_version(data, result.conflict_version)
        form = EngagementForm(data, instance=fresh, user=user)
        form.is_valid()
        participants = ParticipantFormSet(data, instance=fresh, user=user, prefix="participants")
        context = {"participants": participants, "conflict": result.conflict}
        return editing.Submission(form, context=context)
