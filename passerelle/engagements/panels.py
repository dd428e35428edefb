"""The engagements' panel on the home page (core/panels.py `home_panels`): overdue follow-ups
and the next engagements, for those who may see engagements."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from passerelle.core.panels import PanelResult


def home_panel(request: HttpRequest) -> PanelResult:
    user: Any = request.user
    if not user.has_perm("engagements.view_engagement"):
        return None
    from passerelle.engagements.services import index_figures

    return "engagements/home_panel.html", {"activity": index_figures(user=user)}
