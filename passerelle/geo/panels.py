"""Sections that other apps add to a country's page.

An app registers a panel once, from its `AppConfig.ready()`:

    register_country_panel("network", network_panel)

where `network_panel(request, country)` returns `(template_name, context)`, or None to show
nothing. The panel reads its records through `restrict(request.user, "view")` like any view; the
context may hold `shown`, a list of the records and querysets it shows, so the page's marking
covers them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from passerelle.geo.models import Country

PanelResult = tuple[str, dict[str, Any]] | None
Panel = Callable[[HttpRequest, Country], PanelResult]

_panels: dict[str, Panel] = {}


def register_country_panel(key: str, panel: Panel) -> None:
    """Add a panel to every country page (a panel with the same key replaces the earlier one)."""
    _panels[key] = panel


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString
    shown: list[Any]


def render_country_panels(request: HttpRequest, country: Country) -> list[RenderedPanel]:
    """Every registered panel that has something to show for `country`, in registration order."""
    rendered = []
    for key, panel in _panels.items():
        result = panel(request, country)
        if result is None:
            continue
        template_name, context = result
        html = render_to_string(template_name, {"country": country, **context}, request=request)
        rendered.append(RenderedPanel(key, mark_safe(html), list(context.get("shown", []))))  # noqa: S308
    return rendered
