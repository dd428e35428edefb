"""The binder as one Word document (python-docx): the briefs' Word layout (render/docx.py) for
each part, under a cover with the contents (Word's TOC field over the tabs), a divider page per
tab (Heading 1, so Word's navigation pane lists the tabs and their sections), each part's notes
at its end numbered from 1, and the binder's marking with page x of y in every page's header and
footer."""

from __future__ import annotations

import io

from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from passerelle.briefs.binders.assemble import AssembledBinder, AssembledPart
from passerelle.briefs.document import note_text
from passerelle.briefs.render.docx import (
    NAVY,
    _document,
    _marking,
    _section,
    _toc_field,
)
from passerelle.core.templatetags.passerelle import longdate


def _page_break(document: WordDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document: WordDocument, binder: AssembledBinder, labels: dict[str, str]) -> None:
    """Word's TOC field over the tabs (Heading 1), its text until Word updates it the list of
    tabs, so a reader that does not update fields still shows the contents."""
    document.add_heading(labels["contents"], level=1)
    if not binder.parts:
        document.add_paragraph(labels["empty"])
        return
    paragraphs = [document.add_paragraph() for _ in binder.parts]
    with _toc_field(document, paragraphs, levels="1-1"):
        for paragraph, part in zip(paragraphs, binder.parts, strict=True):
            paragraph.add_run(f"{labels['tab']} {part.number}  ").bold = True
            paragraph.add_run(part.title)


def _cover(document: WordDocument, binder: AssembledBinder, labels: dict[str, str]) -> None:
    _marking(document.add_paragraph(), binder.marking())
    document.add_paragraph().add_run(f"{labels['department']} — {labels['branch']}").bold = True
    document.add_heading(binder.title, level=0)
    if binder.occasion:
        document.add_paragraph(binder.occasion)
    document.add_paragraph(longdate(binder.day))
    if binder.illustrative:
        document.add_paragraph().add_run(labels["illustrative"]).bold = True
    _contents(document, binder, labels)


def _part(document: WordDocument, part: AssembledPart, labels: dict[str, str]) -> None:
    _page_break(document)
    tab = document.add_paragraph()
    run = tab.add_run(f"{labels['tab']} {part.number}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(28), NAVY
    document.add_heading(part.title, level=1)
    document.add_paragraph(part.provenance()).runs[0].italic = True
    brief = part.brief
    own = brief.labels()
    number = brief.numbering()
    _page_break(document)
    for section in brief.sections:
        _section(document, section, number, own, depth=1)
    if number:
        document.add_heading(f"{own['notes']} — {labels['tab']} {part.number}", level=2)
        for note, n in number.items():
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{n}. ").bold = True
            paragraph.add_run(note_text(note, own["as_of"]))
            paragraph.paragraph_format.space_after = Pt(2)
    if brief.missing_french:
        document.add_heading(own["missing_french"], level=2)
        for gap in brief.missing_french:
            document.add_paragraph(gap, style="List Bullet")


def render_binder_docx(binder: AssembledBinder) -> bytes:
    """The binder as one .docx file."""
    labels = binder.labels()
    document = _document(
        title=binder.title, language=binder.language, marking=binder.marking(), labels=labels
    )
    _cover(document, binder, labels)
    front = binder.front
    if front is not None:
        _page_break(document)
        document.add_heading(front.title, level=1)
        number, own = front.numbering(), front.labels()
        for section in front.sections:
            _section(document, section, number, own, depth=1)
    for part in binder.parts:
        _part(document, part, labels)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
