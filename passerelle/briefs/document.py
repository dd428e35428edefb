"""The one document every renderer reads: a `Brief` made of `Section`s, with numbered notes.

Builders write sections in the brief's language; the renderers (Markdown, HTML, PDF, DOCX) only
lay them out, so every format says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.sections import Figure, Footnote, Section, Table
from passerelle.core.classification import Classification, highest
from passerelle.core.reader import Marking


@dataclass
class Brief:
    """A brief ready to render: title, marking, sections and their notes, in one language."""

    kind: str  # fundamental, country or forum
    subject: str  # "" for the Fundamental Brief, an ISO alpha-3 code, a forum's slug
    language: str
    title: str
    subtitle: str
    day: date
    sections: list[Section] = field(default_factory=list)
    cleared_to: Classification = Classification.PROTECTED_B
    # What the reader was given while the brief was built (core/reader.py): every record read,
    # linked names included, counts in the marking even if no builder marked it.
    read: Marking = field(default_factory=Marking)

    @property
    def classification(self) -> Classification:
        """The highest classification of what the brief contains."""
        return highest([self.read.level, *(section.classification for section in self.sections)])

    @property
    def illustrative(self) -> bool:
        """Whether anything in the brief is illustrative (made-up) data."""
        return self.read.illustrative or any(
            section.illustrative
            or any(f.illustrative for f in section.figures)
            or any(t.illustrative for t in section.tables)
            for section in self.sections
        )

    @property
    def missing_french(self) -> list[str]:
        """French fields the author must still write (a French brief lists them at its end)."""
        if self.language != "fr":
            return []
        return [gap for section in self.sections for gap in section.missing_french]

    def marking(self) -> str:
        """The classification marking, in capitals, in the brief's language."""
        with override(self.language):
            return str(self.classification.label).upper()

    def numbering(self) -> dict[Footnote, int]:
        """Every distinct footnote → its number, by first appearance from 1 (compute once per
        rendering)."""
        seen: dict[Footnote, int] = {}
        for section in self.sections:
            for note in _footnotes(section):
                seen.setdefault(note, len(seen) + 1)
        return seen

    def labels(self) -> dict[str, str]:
        """The fixed words of the document in its language (headings of the parts renderers
        add: contents, notes, gaps, markings)."""
        with override(self.language):
            return {
                "contents": _("Contents"),
                "notes": _("Notes"),
                "missing_french": _("French text to write"),
                "missing_french_intro": _(
                    "These fields have no French yet; the English is shown in their place, "
                    "marked [EN]. Write them before release."
                ),
                "illustrative": _("Contains illustrative data: not real, not to be quoted."),
                "illustrative_short": _("illustrative"),
                "figure": _("Figure"),
                "value": _("Value"),
                "key_figures": _("Key figures"),
                "as_of": _("as of %(date)s"),
                "page": _("Page"),
                "of": _("of"),
                "prepared": _("Prepared on %(date)s"),
                "clearance": _("Prepared for a reader cleared to %(level)s."),
                "department": _("Immigration, Refugees and Citizenship Canada"),
                "branch": _("International Affairs"),
                "source": _("Source"),
            }


def note_text(note: Footnote, as_of_label: str) -> str:
    """A footnote as one sentence: the source, then the as-of date."""
    if note.as_of:
        return f"{note.source} ({as_of_label % {'date': note.as_of}})."
    return f"{note.source}."


def _footnotes(section: Section) -> list[Footnote]:
    notes = [figure.footnote for figure in section.figures]
    notes += [table.footnote for table in section.tables if table.footnote is not None]
    return notes


__all__ = ["Brief", "Figure", "Footnote", "Section", "Table", "note_text"]
