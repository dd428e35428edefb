"""The `briefkind` path converter: a route with a kind of brief matches only the kinds there are
(fundamental, country, forum), so an unknown kind is "not found" on every route (the page, its
notes and release, the API's file) before any view runs. Registered by the app (apps.py)."""

from __future__ import annotations

from passerelle.briefs.models import BriefKind


class BriefKindConverter:
    regex = "(?:" + "|".join(BriefKind.values) + ")"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)
