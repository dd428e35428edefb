"""Sections that apps add to another app's page: the home page's (`home_panels`), a country's
page's (geo/panels.py). The page that shows them never imports the apps that fill them.

An app registers a panel once, from its `AppConfig.ready()`:

    home_panels.register("engagements", "passerelle.engagements.panels.home_panel")

where the panel, a function or its dotted path (imported the first time a page needs it, so
that starting Django does not import the panel's libraries), takes `(request, *subject)` and
returns `(template_name, context)`, or None to show nothing. It reads its records as any view
does: as the request's reader (core/reader.py), who also counts them for the page's marking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

PanelResult = tuple[str, dict[str, Any]] | None
Panel = Callable[..., PanelResult]


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString
    shown: list[Any]


class Panels:
    """A page's registry of panels, rendered by their order, then in registration order."""

    def __init__(self) -> None:
        self._panels: dict[str, Panel | str] = {}
        self._order: dict[str, int] = {}

    def register(self, key: str, panel: Panel | str, *, order: int = 100) -> None:
        """Add a panel (a function or its dotted path); one with the same key replaces it.
        Panels show by `order`, then in registration order."""
        self._panels[key] = panel
        self._order[key] = order

    def _panel(self, key: str) -> Panel:
        found = self._panels[key]
        if isinstance(found, str):
            found = self._panels[key] = import_string(found)
        return found

    def render(
        self, request: HttpRequest, *subject: Any, context: dict[str, Any] | None = None
    ) -> list[RenderedPanel]:
        """Every panel that has something to show for `subject`; each template gets `context`
        (e.g. the country) beside its own."""
        rendered = []
        for key in sorted(self._panels, key=lambda k: self._order[k]):
            result = self._panel(key)(request, *subject)
            if result is None:
                continue
            template_name, own = result
            html = render_to_string(template_name, {**(context or {}), **own}, request=request)
            rendered.append(RenderedPanel(key, mark_safe(html), list(own.get("shown", []))))  # noqa: S308
        return rendered


home_panels = Panels()
