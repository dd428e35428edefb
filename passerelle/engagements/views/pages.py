"""The engagements' pages: the index, the list of engagements (filterable, paginated, and as CSV
with `?format=csv`), one engagement with everything that came of it, its create and edit forms
(with its participants), its change history, and the engagements' section of a country's page.
Follow-ups and commitments are in followups.py, irritants in irritants.py. Every read goes
through `restrict(request.user, …)`, mostly by way of engagements/services.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from passerelle.core.classification import Classification
from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.forms import error_links
from passerelle.core.marking import page_marking
from passerelle.core.models import ChangeRecord
from passerelle.core.text import fold
from passerelle.engagements import services
from passerelle.engagements.exports import ENGAGEMENT_IMPORT_COLUMNS, wants_import_layout
from passerelle.engagements.filters import EngagementFilterSet
from passerelle.engagements.forms import EngagementForm, ParticipantFormSet
from passerelle.engagements.models import (
    CANADIAN_LEVELS,
    Engagement,
    Irritant,
    Level,
    Objective,
    Participant,
    Topic,
)
from passerelle.engagements.views import followups, irritants
from passerelle.engagements.views.editing import require, save_versioned, user_of, with_version
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

PER_PAGE = 50


def link(name: str, *args: Any) -> str | None:
    """The address of a page of another module, or None while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where to start: upcoming and recent engagements, overdue follow-ups, open irritants."""
    user = user_of(request)
    figures = services.index_figures(user=user)
    context = {
        "figures": figures,
        "can_add": user.has_perm("engagements.add_engagement"),
        **page_marking(
            *figures.upcoming,
            *figures.recent,
            services.follow_ups(user).overdue(),  # type: ignore[attr-defined]
            services.irritants(user).filter(status__in=Irritant.OPEN_STATUSES),
        ),
    }
    return render(request, "engagements/index.html", context)


def _filter_choices(request: HttpRequest) -> dict[str, Any]:
    user = user_of(request)
    return {
        "countries": sorted(Country.objects.restrict(user, "view"), key=lambda c: fold(c.name)),
        "organizations": sorted(
            Organization.objects.restrict(user, "view"), key=lambda o: fold(o.name)
        ),
        "forums": sorted(Forum.objects.restrict(user, "view"), key=lambda f: fold(f.name)),
        "levels": Level.choices,
        "topics": Topic.objects.restrict(user, "view"),
        "objectives": Objective.objects.restrict(user, "view"),
        "kinds": Engagement.Kind.choices,
        "channels": Engagement.Channel.choices,
        "classifications": [c for c in Classification.choices if c[0] <= user.clearance],
        "selected": request.GET,
    }


def _names(records: Any) -> str:
    return "; ".join(str(getattr(r, "name", r)) for r in records)


ENGAGEMENT_COLUMNS: list[tuple[Any, Any]] = [
    ("start_date", _("Start date")),
    ("end_date", _("End date")),
    ("title", _("Title")),
    (lambda e: e.get_kind_display(), _("Kind")),
    (lambda e: e.get_channel_display(), _("Channel")),
    ("place", _("Place")),
    (lambda e: _names(e.countries.all()), _("Counterpart countries")),
    (lambda e: _names(e.organizations.all()), _("Organizations")),
    (lambda e: e.forum.name if e.forum else "", _("Forum")),
    (lambda e: _names(e.topics.all()), _("Topics")),
    (lambda e: e.get_classification_display(), _("Classification")),
    ("illustrative", _("Illustrative")),
]


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


@login_required
def engagement_list(request: HttpRequest) -> HttpResponse:
    """Engagements, filtered by partner, level, topic, objective, period, channel, kind,
    classification and words; as CSV with `?format=csv`."""
    user = user_of(request)
    visible = services.engagements(user)
    filterset = EngagementFilterSet(request.GET, queryset=visible, request=request)
    shown: QuerySet[Engagement] = services.with_visible_links(filterset.qs, user).order_by(
        "-start_date", "title_en"
    )
    if wants_csv(request):
        if wants_import_layout(request.GET):
            return csv_response(
                shown, ENGAGEMENT_IMPORT_COLUMNS, "engagements-import", page_marking(shown)
            )
        return csv_response(shown, ENGAGEMENT_COLUMNS, "engagements", page_marking(shown))
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "total": visible.count(),
        "errors": filterset.errors,
        "query": query_without_page(request),
        "today": timezone.localdate(),
        "can_add": user.has_perm("engagements.add_engagement"),
        "can_import": user.has_perm("engagements.add_engagement")
        and user.has_perm("engagements.change_engagement"),
        **_filter_choices(request),
        **page_marking(shown),
    }
    return render(request, "engagements/engagement_list.html", context)


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


@login_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One engagement: when, where, with whom, about what, what came of it and what was raised."""
    user = user_of(request)
    engagement = get_object_or_404(
        services.engagements(user).select_related("forum", "place_country"), pk=pk
    )
    countries = Country.objects.restrict(user, "view").filter(engagements=engagement)
    organizations = Organization.objects.restrict(user, "view").filter(engagements=engagement)
    forum = (
        Forum.objects.restrict(user, "view").filter(pk=engagement.forum_id).first()
        if engagement.forum_id
        else None
    )
    participants = (
        Participant.objects.restrict(user, "view")
        .filter(engagement=engagement)
        .select_related("country", "organization")
    )
    follow_ups = services.follow_ups(user).filter(engagement=engagement)
    commitments = services.commitments(user).filter(engagement=engagement)
    raised = services.irritants(user).filter(engagements=engagement)
    topics = engagement.topics.restrict(user, "view")
    objectives = engagement.objectives.restrict(user, "view")
    context = {
        "engagement": engagement,
        "countries": [(c, link("geo:country_detail", c.iso_alpha3)) for c in countries],
        "organizations": [(o, link("partners:organization_detail", o.slug)) for o in organizations],
        "forum": (forum, link("partners:forum_detail", forum.slug)) if forum else None,
        "sides": _participants_by_side(participants),
        "topics": topics,
        "objectives": objectives,
        "follow_ups": follow_ups,
        "commitments": commitments,
        "irritants": raised,
        "today": timezone.localdate(),
        "upcoming": engagement.start_date >= timezone.localdate(),
        "can_change": user.has_perm("engagements.change_engagement"),
        "can_add_follow_up": user.has_perm("engagements.add_followup"),
        "sees_history": user.has_perm("core.view_changerecord"),
        **page_marking(
            engagement,
            countries,
            organizations,
            forum,
            participants,
            follow_ups,
            commitments,
            raised,
        ),
    }
    return render(request, "engagements/engagement_detail.html", context)


def _engagement_form_page(request: HttpRequest, engagement: Engagement | None) -> HttpResponse:
    user = user_of(request)
    instance = engagement or Engagement()
    data = request.POST if request.method == "POST" else None
    form = EngagementForm(data, instance=instance, user=user)
    participants = ParticipantFormSet(data, instance=instance, user=user, prefix="participants")
    context: dict[str, Any] = {"engagement": engagement}
    if data is not None:
        if form.is_valid() and participants.is_valid():
            result = save_versioned(form, formsets=[participants])
            if result.record is not None:
                return redirect("engagements:engagement_detail", pk=result.record.pk)
            fresh = Engagement.objects.get(pk=instance.pk)
            data = with_version(request.POST, result.conflict_version)
            form = EngagementForm(data, instance=fresh, user=user)
            form.is_valid()
            participants = ParticipantFormSet(
                data, instance=fresh, user=user, prefix="participants"
            )
            context["conflict"] = result.conflict
        else:
            context["error_links"] = error_links(form, participants)
    context.update(
        {
            "form": form,
            "participants": participants,
            **page_marking(engagement),
        }
    )
    return render(request, "engagements/engagement_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request: HttpRequest) -> HttpResponse:
    """Record an engagement and its participants (analysts)."""
    require(request, Engagement, "add")
    return _engagement_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an engagement and its participants, refused over someone else's newer change."""
    require(request, Engagement, "change")
    engagement = get_object_or_404(Engagement.objects.restrict(user_of(request), "change"), pk=pk)
    return _engagement_form_page(request, engagement)


@login_required
def engagement_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of one engagement, newest first, for those who may read the change log."""
    require(request, ChangeRecord, "view")
    user = user_of(request)
    engagement = get_object_or_404(services.engagements(user), pk=pk)
    records = ChangeRecord.objects.restrict(user, "view").filter(
        content_type=ContentType.objects.get_for_model(Engagement), object_id=str(engagement.pk)
    )
    rows = [
        {"record": r, "fields": [f for f in r.changed_fields() if f != "version"]} for r in records
    ]
    context = {"engagement": engagement, "rows": rows, **page_marking(engagement, records)}
    return render(request, "engagements/engagement_history.html", context)


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's engagements section: its engagements (most recent first, upcoming
    marked), open irritants, open follow-ups (overdue highlighted) and commitments; nothing when
    there is none the user may see."""
    activity = services.country_activity(user=user_of(request), country=country)
    if not activity:
        return None
    return "engagements/country_panel.html", {
        "activity": activity,
        "today": timezone.localdate(),
        "shown": activity.shown,
    }


urlpatterns: list[Any] = [
    path("list/", engagement_list, name="engagement_list"),
    path("new/", engagement_create, name="engagement_create"),
    path("<int:pk>/", engagement_detail, name="engagement_detail"),
    path("<int:pk>/edit/", engagement_edit, name="engagement_edit"),
    path("<int:pk>/history/", engagement_history, name="engagement_history"),
    *followups.urlpatterns,
    *irritants.urlpatterns,
]
