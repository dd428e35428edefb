"""The home page's briefing panel: the overdue requests, and the events of the next weeks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from passerelle.core.panels import PanelResult

SHOWN = 5


def home_panel(request: HttpRequest) -> PanelResult:
    user: Any = request.user
    if not user.has_perm("briefs.view_briefrequest"):
        return None
    from passerelle.briefs.briefing import calendar

    today = timezone.localdate()
    overdue = calendar.overdue(today)
    upcoming = calendar.upcoming(today, days=30)
    return "briefs/briefing/home_panel.html", {
        "overdue": overdue[:SHOWN],
        "overdue_count": len(overdue),
        "upcoming": upcoming[:SHOWN],
        "shown": [*overdue[:SHOWN], *upcoming[:SHOWN]],
    }
