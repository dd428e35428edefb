"""The iCalendar feed (`.ics`) of a user, or of a team as that user may see it: the events and
the requests due. Its address carries a signed token (django.core.signing) naming the user, so a
calendar client fetches it without a session; everything is read as that user (core/reader.py),
so the feed holds only what they may see, and only titles, dates and places: no purpose, key
message or note, whatever their classification."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.briefing import calendar
from passerelle.briefs.briefing.models import Team
from passerelle.core.models import User

SALT = "passerelle.briefs.calendar-feed"
# What a calendar client keeps: the branch's events and due dates of ten years either side.
PAST_DAYS = AHEAD_DAYS = 3653


def token_for(user: User, *, team: str = "") -> str:
    """The signed token of `user`'s feed (of `team`'s, as `user` may see it)."""
    return signing.dumps({"u": user.pk, "t": team}, salt=SALT, compress=True)


def feed_url(user: User, *, team: str = "") -> str:
    """The feed's address, in the active language (its prefix)."""
    return reverse("briefs:calendar_feed", kwargs={"token": token_for(user, team=team)})


def reader_of(token: str) -> tuple[User, str] | None:
    """The active user and team a token names, or None when it is forged or names no one."""
    try:
        found = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    team = str(found.get("t", ""))
    if team and team not in Team.values:
        return None
    user = get_user_model().objects.filter(pk=found.get("u"), is_active=True).first()
    return (user, team) if user is not None else None


def _summary(prefix: str, title: str, marking: str) -> str:
    return f"[{marking}] {prefix}{title}" if marking else f"{prefix}{title}"


def feed(user: User, *, team: str = "", language: str = "en", today: date | None = None) -> bytes:
    """The feed as iCalendar bytes, read as the current reader (the caller reads as `user`)."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    today = today or timezone.localdate()
    start, end = today - timedelta(days=PAST_DAYS), today + timedelta(days=AHEAD_DAYS)
    stamp = timezone.now()
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "passerelle"
    with override(language):
        cal = Calendar()
        cal.add("prodid", "-//Passerelle//Briefing calendar//EN")
        cal.add("version", "2.0")
        name = _("Briefing calendar") if not team else str(Team(team).label)
        cal.add("x-wr-calname", f"Passerelle — {name}")
        for event in calendar.events_between(start, end, team=team):
            item = VEvent()
            item.add("uid", f"event-{event.pk}@{host}")
            item.add("dtstamp", stamp)
            item.add("summary", _summary("", event.title, _marking(event)))
            item.add("dtstart", event.start_date)
            item.add("dtend", event.last_day + timedelta(days=1))
            if event.place:
                item.add("location", event.place)
            item.add("categories", [str(event.get_kind_display())])
            cal.add_component(item)
        for request in calendar.requests_due_between(start, end, team=team):
            item = VEvent()
            item.add("uid", f"request-{request.pk}@{host}")
            item.add("dtstamp", stamp)
            due = _("Due: ")
            title = f"{request.tracking_number} {request.title}"
            item.add("summary", _summary(due, title, _marking(request)))
            item.add("dtstart", request.due)
            item.add("dtend", request.due + timedelta(days=1))
            item.add("status", "CONFIRMED")
            item.add("categories", [str(request.get_status_display())])
            cal.add_component(item)
    return cal.to_ical()


def _marking(record: Any) -> str:
    """A classified record's title carries its marking ("PROTECTED A")."""
    level = int(getattr(record, "classification", 0) or 0)
    if not level:
        return ""
    return str(record.get_classification_display()).upper()
