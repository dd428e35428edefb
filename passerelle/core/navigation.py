"""The side navigation: one list of modules, in the binder's order, that apps add themselves to.

An app registers its entry once, from its `AppConfig.ready()`:

    from passerelle.core.navigation import NavEntry, register
    register(NavEntry("partners", _("Partners"), "partners:list", "partners.view_partner"))

A user sees an entry only when its URL resolves (the app is installed and routed) and their role
grants its permission (none needed when `permission` is empty).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.core.signals import setting_changed
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The order of modules in the navigation; an entry whose key is not here goes last.
MODULE_ORDER = (
    "home",
    "binder",
    "partners",
    "engagements",
    "network",
    "programs",
    "pathways",
    "indicators",
    "operations",
    "briefs",
    "countries",
    "sources",
    "changes",
    "people",
    "translations",
    "jobs",
    "api",
)


@dataclass(frozen=True)
class NavEntry:
    """One module in the side navigation."""

    key: str
    label: str | Promise
    url_name: str
    permission: str = ""

    @property
    def position(self) -> int:
        return MODULE_ORDER.index(self.key) if self.key in MODULE_ORDER else len(MODULE_ORDER)


@dataclass(frozen=True)
class NavLink:
    """An entry as one user sees it on one page."""

    key: str
    label: str | Promise
    url: str
    current: bool


_registry: dict[str, NavEntry] = {}


def register(*entries: NavEntry) -> None:
    """Add entries to the navigation (an entry with the same key replaces the earlier one)."""
    for entry in entries:
        _registry[entry.key] = entry


def registered() -> list[NavEntry]:
    """Every registered entry, in module order."""
    return sorted(_registry.values(), key=lambda entry: (entry.position, entry.key))


def links_for(request: HttpRequest) -> list[NavLink]:
    """The entries this request's user may follow, with the one for the current page marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    for entry in registered():
        if entry.permission and not user.has_perm(entry.permission):
            continue
        url = _address(entry.url_name, get_language(), get_script_prefix())
        if url is not None:
            links.append(NavLink(entry.key, entry.label, url, _is_current(request.path, url)))
    return links


@functools.cache
def _address(url_name: str, language: str | None, prefix: str) -> str | None:
    """An entry's address in a language (the same for every request: found once, not twice
    per entry on every page)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _urls_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":  # a test's own addresses
        _address.cache_clear()


setting_changed.connect(_urls_changed)


def _is_current(path: str, url: str) -> bool:
    home = _address("web:home", get_language(), get_script_prefix())
    return path == url if url == home else path.startswith(url)


register(
    NavEntry("home", _("Home"), "web:home"),
    NavEntry("binder", _("Reference facts"), "web:fact_list", "core.view_fact"),
    NavEntry("countries", _("Countries"), "geo:country_list", "geo.view_country"),
    NavEntry("sources", _("Sources"), "web:source_list", "core.view_source"),
    NavEntry("changes", _("Change log"), "web:change_list", "core.view_changerecord"),
    NavEntry("people", _("People"), "web:person_list", "core.change_user"),
    NavEntry("translations", _("Translation to do"), "web:translation_list"),
    NavEntry("api", _("API"), "web:api_docs"),
)
