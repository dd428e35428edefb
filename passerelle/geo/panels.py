"""Sections that other apps add to a country's page.

An app registers a panel once, from its `AppConfig.ready()`:

    register_country_panel("network", "passerelle.network.views.registry.country_panel")

where the panel, a function or its dotted path (imported the first time a country page needs
it, so that starting Django does not import the panel's libraries), takes `(request, country)`
and returns `(template_name, context)`, or None to show
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
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from passerelle.geo.models import Country

PanelResult = tuple[str, dict[str, Any]] | None
Panel = Callable[[HttpRequest, Country], PanelResult]

_panels: dict[str, Panel | str] = {}


def register_country_panel(key: str, panel: Panel | str) -> None:
    """Add a panel (a function or its dotted path) to every country page; a panel with the same
    key replaces the earlier one."""
    _panels[key] = panel


def _panel(key: str) -> Panel:
    found = _panels[key]
    if isinstance(found, str):
        found = _panels[key] = import_string(found)
    return found


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString
    shown: list[Any]


def render_country_panels(request: HttpRequest, country: Country) -> list[RenderedPanel]:
    """Every registered panel that has something to show for `country`, in registration order."""
    rendered = []
    for key in list(_panels):
        result = _panel(key)(request, country)
        if result is None:
            continue
        template_name, context = result
        html = render_to_string(template_name, {"country": country, **context}, request=request)
        rendered.append(RenderedPanel(key, mark_safe(html), list(context.get("shown", []))))  # noqa: S308
    return rendered
