"""The reference-facts page's outline: the binder's chapters, in the binder's order, each with the
sections of facts it holds (core.reference.schema.SECTIONS), so the page has a table of contents
and every chapter, section and fact an anchor."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.utils.translation import gettext_lazy as _

from passerelle.core.reference.schema import SECTIONS

# The Fundamental Brief's chapters (headings as the binder writes them) and the sections of
# facts each holds; a section named in none goes under "Other facts", last.
CHAPTERS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("context", _("Context"), ("context", "global-context", "trends")),
    (
        "international-relations",
        _("International Relations – Why and How We Engage"),
        ("engagement-channels", "participation"),
    ),
    (
        "bilateral-and-regional",
        _("International Bilateral and Regional Engagement"),
        ("bilateral-engagement", "irritants", "crisis-measures"),
    ),
    ("multilateral-engagement", _("International Multilateral Engagement"), ("multilateral",)),
    ("capacity-building-chapter", _("International Capacity Building"), ("capacity-building",)),
    ("diplomacy-chapter", _("Migration and Protection Diplomacy"), ("diplomacy",)),
    ("key-takeaways", _("Key Takeaways"), ("takeaways",)),
    (
        "annex",
        _("Annex – Map of IRCC Missions and Biometric Points of Service"),
        ("network",),
    ),
]


def outline(facts: Iterable[Any], section_label: Any) -> list[dict[str, Any]]:
    """The chapters that hold facts, in the binder's order, each with its sections (in the
    binder's order) and their facts."""
    order = {key: index for index, key in enumerate(SECTIONS)}
    by_section = {
        key: list(group)
        for key, group in groupby(
            sorted(facts, key=lambda fact: (order.get(fact.section, len(order)), fact.section)),
            key=lambda fact: fact.section,
        )
    }
    placed = {section for _key, _label, sections in CHAPTERS for section in sections}
    chapters = [
        (key, label, [s for s in sections if s in by_section]) for key, label, sections in CHAPTERS
    ]
    others = [s for s in by_section if s not in placed]
    if others:
        chapters.append(("other-facts", _("Other facts"), others))
    return [
        {
            "key": key,
            "label": label,
            "sections": [
                {"key": s, "label": section_label(s), "facts": by_section[s]} for s in sections
            ],
        }
        for key, label, sections in chapters
        if sections
    ]
