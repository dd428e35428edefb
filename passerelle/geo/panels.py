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

country_panels = Panels("country")


# Where each section goes: the relationship first (irritants, engagements, follow-ups), then
# what the country shares with Canada and its roles, the key figures, the signals from the
# application records, the crisis measures, capacity building, the overseas network. The page's
# names, codes and M49 regions come after every panel.
ORDER = {
    "engagements": 10,
    "partners": 20,
    "indicators": 30,
    "operations": 40,
    "pathways": 50,
    "programs": 60,
    "network": 70,
}


def register_country_panel(
    key: str, panel: Panel | str, *, order: int | None = None, cached: bool = False
) -> None:
    """Add a panel to every country page; a panel with the same key replaces the earlier one.
    Panels show by `order` (by default the key's place in ORDER, else after them all);
    `cached`: kept until the next write, for its reader (core/panels.py)."""
    country_panels.register(
        key, panel, order=ORDER.get(key, 100) if order is None else order, cached=cached
    )


def render_country_panels(request: HttpRequest, country: Country) -> list[RenderedPanel]:
    """Every registered panel that has something to show for `country`."""
    return country_panels.render(request, country, context={"country": country})
