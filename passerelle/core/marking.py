"""The marking of what is made for a reader: a page, a file, an API answer or a brief is marked
with the highest classification of everything it shows, linked names included, and flagged when
anything in it is illustrative.

The reader counts what it is given while the response is made (core/reader.py), so the marking is
known only at the end: the page's template leaves a placeholder where the banner and the notice
go (`{% marking_banner %}`, `{% illustrative_notice %}`), and `ReaderMiddleware` fills them in
once the page is rendered. A marking never counts what the reader may not see: the reader is
never given it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Model, QuerySet
from django.http import HttpResponse
from django.template.loader import render_to_string

from passerelle.core.classification import Classification, highest
from passerelle.core.reader import Marking, Reader
from passerelle.core.text import fold

HEADER = "X-Security-Classification"
_PARTS = ("banner", "notice")


def placeholder(reader: Reader, part: str) -> str:
    """Where a part of the marking goes; unguessable, so no record's text can forge it."""
    return f"<!--marking:{reader.placeholder}:{part}-->"


def slug(level: int) -> str:
    """unclassified, protected-a, protected-b."""
    return Classification(level).name.lower().replace("_", "-")


def finish(response: HttpResponse, reader: Reader) -> HttpResponse:
    """Fill in the marking of a response made for `reader`, and name it in a header."""
    marking = reader.marking
    response[HEADER] = slug(marking.level)
    if getattr(response, "streaming", False):
        return response
    content_type = response.get("Content-Type", "")
    if not content_type.startswith("text/html"):
        return response
    charset = getattr(response, "charset", None) or "utf-8"
    content = response.content
    for part in _PARTS:
        token = placeholder(reader, part).encode(charset)
        if token in content:
            html = render_to_string(
                f"core/marking_{part}.html",
                {
                    "level": marking.level,
                    "slug": slug(marking.level),
                    "label": Classification(marking.level).label,
                    "illustrative": marking.illustrative,
                    "parts": illustrative_parts(marking),
                },
            ).strip()
            content = content.replace(token, html.encode(charset))
    response.content = content
    return response


def illustrative_parts(marking: Marking) -> list[str]:
    """The names of the page's illustrative parts, in the active language and its order."""
    return sorted({str(name) for name in marking.parts.values()}, key=fold)


def note_context(reader: Reader, context: Any) -> None:
    """What a view put in its context (`classification`, `illustrative`, and the name of what is
    illustrative, `illustrative_part`, e.g. the application records) counts too."""
    level = context.get("classification")
    part = context.get("illustrative_part")
    reader.marking.add(
        int(level or 0), bool(context.get("illustrative")), (str(part), part) if part else None
    )


# --- What a view says it shows ------------------------------------------------------------------
#
# Views written before the marking was counted by the reader pass what they show; it counts too
# (the reader's count is never lowered by it). Declared pages do not need it.

Shown = Model | QuerySet[Any] | None


def _has_field(model: type[Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


def page_classification(*shown: Shown) -> Classification:
    """The highest classification among the records and querysets shown (Unclassified when none
    is classified). A queryset is read with one aggregate query, never loaded."""
    levels: list[int | None] = []
    for item in shown:
        if item is None:
            continue
        if isinstance(item, QuerySet):
            if _has_field(item.model, "classification"):
                levels.append(item.aggregate(level=Max("classification"))["level"])
        else:
            levels.append(getattr(item, "classification", None))
    return highest(levels)


def shows_illustrative(*shown: Shown) -> bool:
    """Whether any record shown is illustrative (made up to exercise the system)."""
    for item in shown:
        if item is None:
            continue
        if isinstance(item, QuerySet):
            if _has_field(item.model, "illustrative") and item.filter(illustrative=True).exists():
                return True
        elif getattr(item, "illustrative", False):
            return True
    return False


def page_marking(*shown: Shown) -> dict[str, Any]:
    """The context a view adds so the base template marks the page: `classification` and
    `illustrative`."""
    return {
        "classification": page_classification(*shown),
        "illustrative": shows_illustrative(*shown),
    }
