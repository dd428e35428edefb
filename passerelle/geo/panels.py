"""Sections that other apps add to a country's page (core/panels.py), from their
`AppConfig.ready()`:

    register_country_panel("network", "passerelle.network.views.registry.country_panel")

where the panel, a function or its dotted path, takes `(request, country)` and returns
`(template_name, context)`, or None to show nothing.
"""

from __future__ import annotations

from django.http import HttpRequest

from passerelle.core.panels import Panel, Panels, RenderedPanel
from passerelle.geo.models import Country

country_panels = Panels()


def register_country_panel(key: str, panel: Panel | str) -> None:
    """Add a panel to every country page; a panel with the same key replaces the earlier one."""
    country_panels.register(key, panel)


def render_country_panels(request: HttpRequest, country: Country) -> list[RenderedPanel]:
    """Every registered panel that has something to show for `country`."""
    return country_panels.render(request, country, context={"country": country})
