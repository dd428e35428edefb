"""Follow-ups (the list, the overdue view with `?overdue=true`, create, edit and mark done) and
commitments (asks and offers). Both lists download as CSV with `?format=csv`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from passerelle.core.classification import Classification
from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.forms import error_links
from passerelle.core.marking import page_marking
from passerelle.core.middleware import safe_next
from passerelle.engagements import services
from passerelle.engagements.exports import FOLLOW_UP_IMPORT_COLUMNS, wants_import_layout
from passerelle.engagements.filters import CommitmentFilterSet, FollowUpFilterSet
from passerelle.engagements.forms import FollowUpForm
from passerelle.engagements.models import Commitment, FollowUp
from passerelle.engagements.views.editing import (
    require,
    save_versioned,
    submit,
    user_of,
)

PER_PAGE = 50

FOLLOW_UP_COLUMNS: list[tuple[Any, Any]] = [
    ("due", _("Due date")),
    ("action", _("Action")),
    ("owner", _("Owner")),
    (lambda f: f.get_status_display(), _("Status")),
    ("completed", _("Completed on")),
    (lambda f: f.engagement.title, _("Engagement")),
    (lambda f: f.engagement.start_date, _("Engagement date")),
    (lambda f: f.get_classification_display(), _("Classification")),
    ("illustrative", _("Illustrative")),
]

COMMITMENT_COLUMNS: list[tuple[Any, Any]] = [
    (lambda c: c.get_direction_display(), _("Ask or offer")),
    ("description", _("Description")),
    (lambda c: getattr(c.forum, "name", "") or getattr(c.party, "name", ""), _("Partner")),
    (lambda c: c.get_status_display(), _("Status")),
    ("due", _("Due date")),
    (lambda c: c.engagement.title if c.engagement else "", _("Engagement")),
    (lambda c: c.get_classification_display(), _("Classification")),
    ("illustrative", _("Illustrative")),
]


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


@login_required
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Follow-ups, by status and country; `?overdue=true` for the late ones."""
    user = user_of(request)
    visible = services.follow_ups(user)
    filterset = FollowUpFilterSet(request.GET, queryset=visible, request=request)
    shown = filterset.qs.order_by("due", "pk")
    if wants_csv(request):
        if wants_import_layout(request.GET):
            return csv_response(
                shown, FOLLOW_UP_IMPORT_COLUMNS, "follow-ups-import", page_marking(shown)
            )
        return csv_response(shown, FOLLOW_UP_COLUMNS, "follow-ups", page_marking(shown))
    context = {
        "page": Paginator(shown, PER_PAGE).get_page(request.GET.get("page")),
        "total": visible.count(),
        "errors": filterset.errors,
        "overdue": request.GET.get("overdue") == "true",
        "statuses": FollowUp.Status.choices,
        "classifications": [c for c in Classification.choices if c[0] <= user.clearance],
        "selected": request.GET,
        "query": _query(request),
        "today": timezone.localdate(),
        "can_change": user.has_perm("engagements.change_followup"),
        "can_import": user.has_perm("engagements.add_followup")
        and user.has_perm("engagements.change_followup"),
        **page_marking(shown),
    }
    return render(request, "engagements/followup_list.html", context)


def _follow_up_form_page(request: HttpRequest, follow_up: FollowUp | None) -> HttpResponse:
    user = user_of(request)
    instance = follow_up or FollowUp()
    initial = {}
    if follow_up is None and request.GET.get("engagement", "").isdigit():
        initial["engagement"] = request.GET["engagement"]
    data = request.POST if request.method == "POST" else None
    submission = submit(FollowUpForm, data, instance, user=user, initial=initial)
    if submission.saved is not None:
        return redirect("engagements:follow_up_list")
    context = {
        "follow_up": follow_up,
        "form": submission.form,
        **submission.context,
        **page_marking(follow_up),
    }
    return render(request, "engagements/followup_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_create(request: HttpRequest) -> HttpResponse:
    require(request, FollowUp, "add")
    return _follow_up_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, FollowUp, "change")
    follow_up = get_object_or_404(
        FollowUp.objects.restrict(user_of(request), "change").filter(
            engagement__in=services.engagements(user_of(request))
        ),
        pk=pk,
    )
    return _follow_up_form_page(request, follow_up)


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a follow-up done today, unless it changed since the list was shown."""
    require(request, FollowUp, "change")
    user = user_of(request)
    follow_up = get_object_or_404(
        FollowUp.objects.restrict(user, "change").filter(engagement__in=services.engagements(user)),
        pk=pk,
    )
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
    form = FollowUpForm(data, instance=follow_up, user=user)
    if form.is_valid():
        result = save_versioned(form)
        if result.record is not None:
            return redirect(safe_next(request, reverse("engagements:follow_up_list")))
        context = {
            "form": FollowUpForm(instance=FollowUp.objects.get(pk=pk), user=user),
            "follow_up": follow_up,
            "conflict": result.conflict,
            **page_marking(follow_up),
        }
        return render(request, "engagements/followup_form.html", context, status=409)
    context = {
        "form": form,
        "follow_up": follow_up,
        "error_links": error_links(form),
        **page_marking(follow_up),
    }
    return render(request, "engagements/followup_form.html", context, status=400)


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    """Asks and offers: what Canada committed to and what partners requested."""
    user = user_of(request)
    visible = services.commitments(user)
    filterset = CommitmentFilterSet(request.GET, queryset=visible, request=request)
    shown = filterset.qs
    if wants_csv(request):
        return csv_response(shown, COMMITMENT_COLUMNS, "commitments", page_marking(shown))
    context = {
        "page": Paginator(shown, PER_PAGE).get_page(request.GET.get("page")),
        "total": visible.count(),
        "errors": filterset.errors,
        "directions": Commitment.Direction.choices,
        "statuses": Commitment.Status.choices,
        "selected": request.GET,
        "query": _query(request),
        **page_marking(shown),
    }
    return render(request, "engagements/commitment_list.html", context)


urlpatterns: list[Any] = [
    path("follow-ups/", follow_up_list, name="follow_up_list"),
    path("follow-ups/new/", follow_up_create, name="follow_up_create"),
    path("follow-ups/<int:pk>/edit/", follow_up_edit, name="follow_up_edit"),
    path("follow-ups/<int:pk>/done/", follow_up_done, name="follow_up_done"),
    path("commitments/", commitment_list, name="commitment_list"),
]
