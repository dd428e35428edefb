"""Sections that apps add to another app's page: the home page's (`home_panels`), a country's
page's (geo/panels.py). The page that shows them never imports the apps that fill them.

An app registers a panel once, from its `AppConfig.ready()`:

    home_panels.register("engagements", "passerelle.engagements.panels.home_panel")

where the panel, a function or its dotted path (imported the first time a page needs it, so
that starting Django does not import the panel's libraries), takes `(request, *subject)` and
returns `(template_name, context)`, or None to show nothing. It reads its records as any view
does: as the request's reader (core/reader.py), who also counts them for the page's marking.

A panel computed only from records (no request-specific markup: no form, no nonce) may be
registered `cached=True`: its HTML is then kept until the next write, for its reader, subject,
language and day (core/datacache.py), and its marking counted again on every page it is served
on. A panel that reads anything the change log does not version (a store on disk, the clock
beyond the day) is not cached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from passerelle.core import datacache

PanelResult = tuple[str, dict[str, Any]] | None
Panel = Callable[..., PanelResult]


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    html: SafeString
    shown: list[Any]


class Panels:
    """A page's registry of panels, rendered by their order, then in registration order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._panels: dict[str, Panel | str] = {}
        self._order: dict[str, int] = {}
        self._cached: set[str] = set()

    def register(
        self, key: str, panel: Panel | str, *, order: int = 100, cached: bool = False
    ) -> None:
        """Add a panel (a function or its dotted path); one with the same key replaces it.
        Panels show by `order`, then in registration order; `cached`: see the module's note."""
        self._panels[key] = panel
        self._order[key] = order
        self._cached.discard(key)
        if cached:
            self._cached.add(key)

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
            if key in self._cached:
                name = f"panel:{self.name}:{key}:{_subject_key(subject)}"
                found = datacache.cached(
                    name,
                    lambda key=key: self._render_one(key, request, subject, context),  # type: ignore[misc]
                    reader=datacache.reader_identity(),
                )
            else:
                found = self._render_one(key, request, subject, context)
            if found is not None:
                rendered.append(found)
        return rendered

    def _render_one(
        self,
        key: str,
        request: HttpRequest,
        subject: tuple[Any, ...],
        context: dict[str, Any] | None,
    ) -> RenderedPanel | None:
        result = self._panel(key)(request, *subject)
        if result is None:
            return None
        template_name, own = result
        html = render_to_string(template_name, {**(context or {}), **own}, request=request)
        return RenderedPanel(key, mark_safe(html), list(own.get("shown", [])))  # noqa: S308


def _subject_key(subject: tuple[Any, ...]) -> str:
    """A page's subject as a cache key: each record by its model and primary key."""
    parts = []
    for item in subject:
        meta = getattr(item, "_meta", None)
        parts.append(f"{meta.label_lower}#{item.pk}" if meta is not None else repr(item))
    return ",".join(parts)


home_panels = Panels("home")
