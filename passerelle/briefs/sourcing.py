"""Text in the brief's language, and footnotes from citations.

A `Writer` reads a bilingual field in the brief's language; in French, a field without French is
never silently replaced: the English is shown marked [EN] and the gap is recorded for the list at
the end of the brief.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from passerelle.briefs.sections import Footnote
from passerelle.core.models import Citation, Source
from passerelle.core.templatetags.passerelle import longdate
from passerelle.core.text import in_language

BINDER = "ircc-dm-transition-binder-2024"


class Writer:
    """Reads bilingual fields in one language and remembers the French it did not find."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.missing: list[str] = []

    def text(self, record: Any, field: str, *, label: str | None = None) -> str:
        """`record.<field>_en` or `_fr`; in French without French, "[EN] <English>"."""
        english = str(getattr(record, f"{field}_en", "") or "")
        french = str(getattr(record, f"{field}_fr", "") or "")
        text = in_language(english, french, self.language)
        if self.language == "fr" and text != french:
            self.missing.append(f"{label or describe(record)}: {field}_fr")
        return text

    def name(self, record: Any) -> str:
        """A partner's or country's name, with its acronym when it has one."""
        name = self.text(record, "name")
        acronym = self.text(record, "acronym") if hasattr(record, "acronym_en") else ""
        return f"{name} ({acronym})" if acronym else name


def describe(record: Any) -> str:
    """How the gap list names a record: its model, then its key, slug or id."""
    model = str(record._meta.verbose_name).capitalize()
    key = getattr(record, "key", None) or getattr(record, "slug", None) or record.pk
    return f"{model} {key}"


def cite(citation: Citation, writer: Writer) -> str:
    """One citation as the note reads it: publisher, title (edition), locator, dates."""
    source: Source = citation.source
    title = writer.text(source, "title", label=f"Source {source.key}")
    parts = [writer.text(source, "publisher", label=f"Source {source.key}"), title]
    edition = writer.text(source, "edition", label=f"Source {source.key}")
    if edition:
        parts[-1] = f"{title} ({edition})"
    locator = writer.text(citation, "locator", label=f"Source {source.key}")
    if locator:
        parts.append(locator)
    if source.published:
        parts.append(longdate(source.published))
    return ", ".join(part for part in parts if part)


def footnote(
    citations: Iterable[Citation], writer: Writer, *, field: str = "value", as_of: str = ""
) -> Footnote:
    """The footnote of a figure: its original publication(s) first, then the binder."""
    chosen = [c for c in citations if c.field == field] or list(citations)
    chosen.sort(key=lambda c: (c.source.key == BINDER, c.source.key))
    return Footnote(source="; ".join(cite(c, writer) for c in chosen), as_of=as_of)
