"""The indicators' panel on the home page (core/panels.py `home_panels`): the imported series
beside the binder's figures, for those who may see them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from passerelle.core.panels import PanelResult


def home_panel(request: HttpRequest) -> PanelResult:
    user: Any = request.user
    if not user.has_perm("indicators.view_observation"):
        return None
    from passerelle.indicators.services import reconciliations

    reconciled = [r for r in reconciliations(user) if r.observation is not None]
    if not reconciled:
        return None
    return "indicators/reconciled.html", {"reconciled": reconciled}
