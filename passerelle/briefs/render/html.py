"""The brief as HTML: the page in Passerelle, and the document WeasyPrint makes the PDF from.

One template (briefs/_document.html) lays out the brief; in print, each note is a CSS footnote
(`float: footnote`) at the foot of the page where it is first called, and a later call of the same
note shows its number only (a note is never printed twice); on screen, a numbered link to the
notes at the end.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

from passerelle.briefs.document import Brief, note_text
from passerelle.briefs.sections import Footnote, Section
from passerelle.core.templatetags.passerelle import longdate


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    first: bool = True  # the note's first call (printed as the footnote; later calls: the number)


class _Notes:
    """The notes' numbers, and which have been called already, in document order."""

    def __init__(self, number: dict[Footnote, int], as_of: str) -> None:
        self.number, self.as_of, self.called = number, as_of, set[int]()

    def __call__(self, footnote: Footnote | None) -> Note | None:
        if footnote is None:
            return None
        n = self.number[footnote]
        first = n not in self.called
        self.called.add(n)
        return Note(n, note_text(footnote, self.as_of), first)


def _section(section: Section, note: _Notes) -> dict[str, Any]:
    # Figures before tables, as the template lays them out and Brief.numbering() counts them.
    figures = [(f, note(f.footnote)) for f in section.figures]
    tables = [(t, note(t.footnote)) for t in section.tables]
    return {
        "section": section,
        "heading": f"h{min(section.level, 4)}",
        "figures": figures,
        "tables": tables,
        "images": [
            (image, "data:image/png;base64," + base64.b64encode(image.png).decode())
            for image in section.images
        ],
    }


def document_context(brief: Brief, *, print_version: bool) -> dict[str, Any]:
    """What briefs/_document.html needs to lay out `brief`."""
    labels = brief.labels()
    number = brief.numbering()
    _notes = _Notes(number, labels["as_of"])
    return {
        "brief": brief,
        "labels": labels,
        "marking": brief.marking(),
        "day": longdate(brief.day),
        "sections": [_section(s, _notes) for s in brief.sections],
        "notes": [Note(n, note_text(note, labels["as_of"])) for note, n in number.items()],
        "print": print_version,
    }


def render_html(
    brief: Brief, *, standalone: bool, print_version: bool = False, in_binder: bool = False
) -> str:
    """The brief's HTML: a whole document (`standalone`) or the fragment a page includes;
    `in_binder`, its sections without a cover of their own (a binder's tab stands for it)."""
    with override(brief.language):
        context = {**document_context(brief, print_version=print_version), "in_binder": in_binder}
        template = "briefs/standalone.html" if standalone else "briefs/_document.html"
        return render_to_string(template, context)
