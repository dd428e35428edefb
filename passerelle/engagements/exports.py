"""The engagement and follow-up lists as CSV in the importer's own layout (`?format=csv&layout=
import`): codes rather than labels (kinds, channels, ISO country codes, slugs, levels,
classification names), so that a file downloaded, edited in a spreadsheet and uploaded again
changes only what was edited. The importer's columns are the reference (importers.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from passerelle.core.classification import Classification
from passerelle.core.importing.cells import LIST_SEPARATOR
from passerelle.engagements.importers import (
    ENGAGEMENT_OPTIONAL,
    ENGAGEMENT_REQUIRED,
    FOLLOW_UP_OPTIONAL,
    FOLLOW_UP_REQUIRED,
)
from passerelle.engagements.models import Engagement, Participant


def _codes(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(sorted(values))


def _classification(record: Any) -> str:
    return Classification(record.classification).name.lower()


def _flag(record: Any) -> str:
    return "true" if record.illustrative else "false"


def _canadian_levels(engagement: Engagement) -> str:
    return _codes(
        {p.level for p in engagement.participants.all() if p.side == Participant.Side.CANADA}
    )


_ENGAGEMENT: dict[str, Any] = {
    "countries": lambda e: _codes(c.iso_alpha3 for c in e.countries.all()),
    "organizations": lambda e: _codes(o.slug for o in e.organizations.all()),
    "forum": lambda e: e.forum.slug if e.forum else "",
    "topics": lambda e: _codes(t.slug for t in e.topics.all()),
    "objectives": lambda e: _codes(o.slug for o in e.objectives.all()),
    "canadian_levels": _canadian_levels,
    "classification": _classification,
    "illustrative": _flag,
}
_FOLLOW_UP: dict[str, Any] = {
    "engagement": lambda f: f.engagement.title_en,
    "engagement_date": lambda f: f.engagement.start_date,
    "classification": _classification,
    "illustrative": _flag,
}

ENGAGEMENT_IMPORT_COLUMNS = [
    (_ENGAGEMENT.get(name, name), name) for name in ENGAGEMENT_REQUIRED + ENGAGEMENT_OPTIONAL
]
FOLLOW_UP_IMPORT_COLUMNS = [
    (_FOLLOW_UP.get(name, name), name) for name in FOLLOW_UP_REQUIRED + FOLLOW_UP_OPTIONAL
]


def wants_import_layout(query: Any) -> bool:
    return query.get("layout") == "import"
