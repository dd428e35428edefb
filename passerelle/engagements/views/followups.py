"""Follow-ups (the list, the overdue view with `?overdue=true`, a follow-up's page, add, edit,
delete, history, and marking one done) and commitments (asks and offers: the same pages). The
pages are declared over the kernel's generic views; marking done is a button of the lists, written
here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from passerelle.core.editing import save_versioned
from passerelle.core.forms import error_links
from passerelle.core.middleware import safe_next
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    require,
)
from passerelle.engagements.filters import CommitmentFilterSet, FollowUpFilterSet
from passerelle.engagements.forms import CommitmentForm, FollowUpForm
from passerelle.engagements.models import Commitment, Engagement, FollowUp
from passerelle.engagements.tables import CommitmentTable, FollowUpImportLayout, FollowUpTable
from passerelle.engagements.views.pages import may_import


class FollowUpView(ObjectView):
    queryset = FollowUp.objects.select_related("engagement")
    route_name = "follow_up"


class FollowUpListView(FollowUpView, ObjectListView):
    """Follow-ups, soonest due first, by status, engagement, country and classification;
    `?overdue=true` for the late ones; `?format=csv` downloads them, `&layout=import` in the
    importer's layout."""

    table = FollowUpTable
    export_tables = {"import": FollowUpImportLayout}
    filterset = FollowUpFilterSet
    template_name = "engagements/followup_list.html"
    filename = "follow-ups"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "overdue": request.GET.get("overdue") == "true",
            "can_import": may_import(request, FollowUp),
        }


class FollowUpDetailView(FollowUpView, ObjectDetailView):
    """One follow-up: the engagement it came from, what is to be done, by whom and when."""

    template_name = "engagements/followup_detail.html"
    context_object_name = "follow_up"


class FollowUpEditView(FollowUpView, ObjectEditView):
    """Add a follow-up (`?engagement=` the engagement it comes from) or edit one."""

    form = FollowUpForm
    template_name = "engagements/followup_form.html"

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        engagement = request.GET.get("engagement", "")
        return {"engagement": engagement} if record.pk is None and engagement.isdigit() else {}


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a follow-up done today, unless it changed since the list was shown. Written by hand:
    a one-button action of the lists, not a page of its own."""
    require(request, FollowUp, "change")
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    data = {
        "engagement": follow_up.engagement_id,
        "action_en": follow_up.action_en,
        "action_fr": follow_up.action_fr,
        "owner": follow_up.owner,
        "due": follow_up.due.isoformat() if follow_up.due else "",
        "status": FollowUp.Status.DONE,
        "completed": timezone.localdate().isoformat(),
        "classification": follow_up.classification,
        "version": request.POST.get("version", ""),
    }
    form = FollowUpForm(data, instance=follow_up, user=request.user)
    context: dict[str, Any] = {"object": follow_up, "verbose_name": FollowUp._meta.verbose_name}
    if not form.is_valid():
        context |= {"form": form, "error_links": error_links(form)}
        return render(request, "engagements/followup_form.html", context, status=400)
    result = save_versioned(form)
    if result.record is not None:
        return redirect(safe_next(request, reverse("engagements:follow_up_list")))
    fresh = FollowUp.objects.get(pk=pk)
    context |= {"form": FollowUpForm(instance=fresh, user=request.user)}
    context |= {"conflict": result.conflict}
    return render(request, "engagements/followup_form.html", context, status=409)


class CommitmentView(ObjectView):
    """An ask or offer tied to an engagement the reader may not see is not theirs to see
    either."""

    queryset = Commitment.objects.select_related("engagement", "country", "organization", "forum")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        seen = Engagement.objects.all()
        return self.queryset.all().filter(Q(engagement__isnull=True) | Q(engagement__in=seen))


class CommitmentListView(CommitmentView, ObjectListView):
    """Asks and offers: what Canada committed to and what partners requested."""

    table = CommitmentTable
    filterset = CommitmentFilterSet
    template_name = "engagements/commitment_list.html"
    filename = "commitments"


class CommitmentDetailView(CommitmentView, ObjectDetailView):
    """One ask or offer: its partner, where it stands, the engagement it came from."""

    template_name = "engagements/commitment_detail.html"
    context_object_name = "commitment"


class CommitmentEditView(CommitmentView, ObjectEditView):
    """Add an ask or offer (`?engagement=` the engagement it comes from) or edit one."""

    form = CommitmentForm
    template_name = "engagements/commitment_form.html"

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        engagement = request.GET.get("engagement", "")
        return {"engagement": engagement} if record.pk is None and engagement.isdigit() else {}
