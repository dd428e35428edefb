"""The briefing pages: events, brief requests and approval chains (declared over the kernel's
generic views), a request's actions, the calendar (month and list) and its iCalendar feed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from passerelle.briefs.binders.generate import DOWNLOADS
from passerelle.briefs.briefing import calendar, feed, workflow
from passerelle.briefs.briefing.filters import BriefRequestFilterSet, EventFilterSet
from passerelle.briefs.briefing.forms import (
    ApprovalChainForm,
    BriefRequestForm,
    DecisionForm,
    EventForm,
)
from passerelle.briefs.briefing.models import (
    ApprovalChain,
    BriefRequest,
    Event,
    RequestKind,
    Team,
)
from passerelle.briefs.briefing.tables import ApprovalChainTable, BriefRequestTable, EventTable
from passerelle.core.models import User
from passerelle.core.reader import current_reader, reading_as
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    require,
)
from passerelle.core.views.routes import record_url


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


class EventListView(ObjectListView):
    """Events, earliest first; `?format=csv` downloads them."""

    queryset = Event.objects.select_related("forum", "engagement").prefetch_related("countries")
    table = EventTable
    filterset = EventFilterSet
    filename = "events"
    template_name = "briefs/briefing/event_list.html"


class EventDetailView(ObjectDetailView):
    queryset = Event.objects.select_related("forum", "engagement")
    template_name = "briefs/briefing/event_detail.html"
    context_object_name = "event"

    def extra_context(self, request: HttpRequest, event: Event) -> dict[str, Any]:
        requests = event.requests.select_related("drafter").order_by("due", "pk")
        from passerelle.briefs.models import Binder

        return {
            "requests": BriefRequestTable(requests),
            "countries": event.countries.all(),
            "binders": Binder.objects.filter(request__in=event.requests.all()),
        }


class EventEditView(ObjectEditView):
    queryset = Event.objects.all()
    form = EventForm


class BriefRequestListView(ObjectListView):
    """Brief requests, earliest due first, filterable by status, kind, team and overdue."""

    queryset = BriefRequest.objects.select_related("event", "drafter")
    table = BriefRequestTable
    filterset = BriefRequestFilterSet
    filename = "brief-requests"
    template_name = "briefs/briefing/request_list.html"


class BriefRequestDetailView(ObjectDetailView):
    queryset = BriefRequest.objects.select_related("event", "drafter", "requested_by")
    template_name = "briefs/briefing/request_detail.html"
    context_object_name = "tasking"

    def extra_context(self, request: HttpRequest, tasking: BriefRequest) -> dict[str, Any]:
        user = _user(request)
        subject = workflow.subject_code(tasking)
        brief_kind = tasking.kind in workflow.BUILT_KINDS
        return {
            "steps": workflow.chain_steps(tasking),
            "next_step": workflow.next_step(tasking),
            "approvals": tasking.approvals.select_related("approver").order_by("decided_at", "pk"),
            "editions": tasking.editions.all(),
            "key_messages": [
                line
                for line in (
                    tasking.key_messages_en
                    if get_language() != "fr"
                    else (tasking.key_messages_fr or tasking.key_messages_en)
                ).splitlines()
                if line.strip()
            ],
            "binders": tasking.binders.all(),
            "binder_downloads": DOWNLOADS,
            "can_start_binder": tasking.kind == RequestKind.BINDER
            and user.has_perm("briefs.add_binder"),
            "brief_kind": tasking.kind if brief_kind else "",
            "brief_subject": subject,
            "can_act": user.has_perm("briefs.change_briefrequest"),
            "can_approve": user.has_perm("briefs.add_approval"),
            "decision_form": DecisionForm(),
        }


class BriefRequestEditView(ObjectEditView):
    queryset = BriefRequest.objects.all()
    form = BriefRequestForm

    def get_initial(self, request: HttpRequest, record: BriefRequest) -> dict[str, Any]:
        """A new request from an event's page (`?event=<id>`) or a brief's (`?kind=country&
        subject=MEX`: asking for the brief's approval) starts with what they say."""
        if record.pk is not None:
            return {}
        initial: dict[str, Any] = {}
        event = request.GET.get("event", "")
        found = Event.objects.filter(pk=int(event)).first() if event.isdigit() else None
        if found is not None:
            initial.update(event=found, principal=found.principal, team=found.team)
        kind = request.GET.get("kind", "")
        if kind in RequestKind.values:
            initial["kind"] = kind
            initial.update(_subject(kind, request.GET.get("subject", ""), event=found))
        return initial

    def get_record(self, request: HttpRequest, **kwargs: Any) -> Any:
        record = super().get_record(request, **kwargs)
        if record.pk is None:
            record.requested_by = request.user
        return record


def _subject(kind: str, code: str, *, event: Event | None) -> dict[str, Any]:
    """A brief's subject as the request form takes it, with a title from its name (nothing for
    a subject the reader may not see); a binder's title from its event."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from passerelle.geo.models import Country
    from passerelle.partners.models import Forum

    subject: Any = None
    if kind == RequestKind.COUNTRY:
        subject = Country.objects.filter(iso_alpha3=code).first()
    elif kind == RequestKind.FORUM:
        subject = Forum.objects.filter(slug=code).first()
    titles = {}
    for language in ("en", "fr"):
        with override(language):
            label = str(RequestKind(kind).label)
            name = getattr(subject, "name", "") if subject is not None else ""
            if kind == RequestKind.BINDER:
                label, name = _("Binder"), event.title if event is not None else ""
            titles[f"title_{language}"] = f"{label} — {name}" if name else label
    return {**titles, **({kind: subject} if subject is not None else {})}


class ApprovalChainListView(ObjectListView):
    queryset = ApprovalChain.objects.all()
    table = ApprovalChainTable
    filename = "approval-chains"


class ApprovalChainDetailView(ObjectDetailView):
    queryset = ApprovalChain.objects.all()
    template_name = "briefs/briefing/chain_detail.html"
    context_object_name = "chain"


class ApprovalChainEditView(ObjectEditView):
    queryset = ApprovalChain.objects.all()
    form = ApprovalChainForm


ACTIONS = {
    "draft": workflow.start_drafting,
    "review": workflow.submit_for_review,
    "send": workflow.mark_sent,
}


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Move a request on: to drafting, to review, approve or send back its next step, mark it
    sent. A form's POST with no page of its own (it returns to the request's page)."""
    from django.utils.translation import gettext as _

    tasking = BriefRequest.objects.filter(pk=pk).first()
    if tasking is None:
        raise Http404
    user = _user(request)
    if action == "binder":
        return _start_binder(request, tasking)
    if action == "decide":
        require(request, BriefRequest, "view")
        if not user.has_perm("briefs.add_approval"):
            raise PermissionDenied
    elif action in ACTIONS:
        require(request, BriefRequest, "change")
    else:
        raise Http404
    form = DecisionForm(request.POST)
    comments = form.data.get("comments", "") if form.is_bound else ""
    try:
        if action in ACTIONS:
            ACTIONS[action](tasking, user=user)
        else:
            approve = request.POST.get("decision") == "approve"
            workflow.decide(tasking, user=user, approve=approve, comments=comments)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Saved: the request is now %(status)s.")
            % {"status": tasking.get_status_display().lower()},
        )
    return HttpResponseRedirect(record_url(tasking))


def _start_binder(request: HttpRequest, tasking: BriefRequest) -> HttpResponse:
    """The binder a binder's request asks for, started from the request and its event (once:
    the request's binder thereafter), shown on its page to draft."""
    from django.utils.translation import gettext as _

    from passerelle.briefs.binders.tasking import start_binder
    from passerelle.briefs.models import Binder

    require(request, Binder, "add")
    if tasking.kind != RequestKind.BINDER:
        raise Http404("this request does not ask for a binder")
    with transaction.atomic():
        binder = start_binder(tasking, user=_user(request))
    messages.success(request, _("The binder was started from the request and its event."))
    return HttpResponseRedirect(record_url(binder))


@login_required
def calendar_month(request: HttpRequest) -> HttpResponse:
    """The calendar's month (`?month=2026-12`, `?team=`) as a table of weeks, each day with its
    events and the requests due; then the upcoming events and requests due, and the feeds.
    Hand-written: a calendar is not a list of one model (the list view is the events' list)."""
    today = timezone.localdate()
    team = request.GET.get("team", "")
    team = team if team in Team.values else ""
    first = calendar.parse_month(request.GET.get("month", ""), today=today)
    user = _user(request)
    context = {
        "month": calendar.month(first, team=team),
        "today": today,
        "team": team,
        "teams": Team.choices,
        "upcoming": calendar.upcoming(today, team=team),
        "due_soon": calendar.due_soon(today, team=team),
        "feed_url": request.build_absolute_uri(feed.feed_url(user)),
        "team_feeds": [
            (label, request.build_absolute_uri(feed.feed_url(user, team=value)))
            for value, label in Team.choices
        ],
        "weekdays": _weekdays(),
        "month_label": _month_label(first),
    }
    return render(request, "briefs/briefing/calendar.html", context)


def _month_label(first: date) -> str:
    from babel.dates import format_date

    from passerelle.core.templatetags.passerelle import babel_locale

    return str(format_date(first, "LLLL y", locale=babel_locale()))


def _weekdays() -> list[str]:
    from babel.dates import get_day_names

    from passerelle.core.templatetags.passerelle import babel_locale

    names = get_day_names("wide", locale=babel_locale())
    return [str(names[i]) for i in range(7)]


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed a signed token names, fetched without a session (a calendar client).
    Read as the token's user; refused to a signed-in user whose token it is not, so an address
    copied from someone else's page shows nothing in a browser. Hand-written: a file, not a
    page."""
    found = feed.reader_of(token)
    if found is None:
        raise Http404
    user, team = found
    if request.user.is_authenticated and request.user.pk != user.pk:
        raise PermissionDenied
    outer = current_reader()
    with reading_as(user) as own:
        body = feed.feed(user, team=team, language=get_language() or "en", today=date.today())
    outer.marking.add(own.marking.level, own.marking.illustrative)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="passerelle.ics"'
    return response


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    """The calendar as a list: from today (or `?from=YYYY-MM-DD`) on, day by day, the events
    and the requests due, in one table. Hand-written, as the month is."""
    today = timezone.localdate()
    team = request.GET.get("team", "")
    team = team if team in Team.values else ""
    try:
        start = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = today
    rows = calendar.agenda(start, team=team)
    context = {"rows": rows, "start": start, "team": team, "teams": Team.choices}
    return render(request, "briefs/briefing/calendar_list.html", context)
