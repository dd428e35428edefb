"""The calendar: a month as weeks of days, each with the events held and the requests due that
day, as the reader may see them; the upcoming events and requests due; the overdue requests."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from passerelle.briefs.briefing.models import OPEN_STATUSES, BriefRequest, Event

UPCOMING_DAYS = 60


@dataclass
class Day:
    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)
    due: list[BriefRequest] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def shown(self) -> list[object]:
        """Every record the month shows (for the page's marking, counted when read anyway)."""
        return [r for week in self.weeks for d in week for r in (*d.events, *d.due)]


def parse_month(text: str, *, today: date) -> date:
    """`2026-12` → 1 December 2026; anything else → this month."""
    try:
        year, month = (int(part) for part in text.split("-", 1))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def month(first: date, *, team: str = "") -> Month:
    """The weeks (Monday first) of the month starting at `first`, with their events and the
    requests due, read as the current reader."""
    weeks_of_dates = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
        first.year, first.month
    )
    start, end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    days = {d: Day(d, d.month == first.month) for week in weeks_of_dates for d in week}
    events = events_between(start, end, team=team)
    for event in events:
        current = max(event.start_date, start)
        while current <= min(event.last_day, end):
            days[current].events.append(event)
            current += timedelta(days=1)
    for request in requests_due_between(start, end, team=team):
        days[request.due].due.append(request)
    return Month(first, [[days[d] for d in week] for week in weeks_of_dates])


def events_between(start: date, end: date, *, team: str = "") -> list[Event]:
    found = Event.objects.filter(start_date__lte=end).exclude(
        end_date__lt=start, end_date__isnull=False
    )
    found = found.exclude(end_date__isnull=True, start_date__lt=start)
    if team:
        found = found.filter(team=team)
    return list(found.select_related("forum").order_by("start_date", "title_en"))


def requests_due_between(start: date, end: date, *, team: str = "") -> list[BriefRequest]:
    found = BriefRequest.objects.filter(due__gte=start, due__lte=end)
    if team:
        found = found.filter(team=team)
    return list(found.select_related("event").order_by("due", "pk"))


def upcoming(today: date, *, days: int = UPCOMING_DAYS, team: str = "") -> list[Event]:
    """The events from today to `days` ahead, with the requests that prepare them."""
    return [
        e
        for e in events_between(today, today + timedelta(days=days), team=team)
        if e.last_day >= today
    ]


def due_soon(today: date, *, days: int = UPCOMING_DAYS, team: str = "") -> list[BriefRequest]:
    """The open requests due from today to `days` ahead."""
    return [
        r
        for r in requests_due_between(today, today + timedelta(days=days), team=team)
        if r.status in OPEN_STATUSES
    ]


def overdue(today: date) -> list[BriefRequest]:
    """The open requests past their due date, the oldest first, as the current reader sees
    them."""
    return list(
        BriefRequest.objects.filter(status__in=OPEN_STATUSES, due__lt=today)
        .select_related("event", "drafter")
        .order_by("due", "pk")
    )


@dataclass(frozen=True)
class AgendaRow:
    day: date
    event: Event | None = None
    request: BriefRequest | None = None


def agenda(start: date, *, days: int = 180, team: str = "") -> list[AgendaRow]:
    """Day by day from `start`, the events (on their first day, or `start` for one under way)
    and the requests due."""
    end = start + timedelta(days=days)
    rows = [
        AgendaRow(max(e.start_date, start), event=e)
        for e in events_between(start, end, team=team)
        if e.last_day >= start
    ]
    rows += [AgendaRow(r.due, request=r) for r in requests_due_between(start, end, team=team)]
    return sorted(rows, key=lambda row: (row.day, row.request is not None))
