"""The brief as a Word document (python-docx): Word's own heading styles (so the navigation
pane lists the sections), the marking in every page's header and footer with page x of y,
tables in a Word table style, the map as a picture, and numbered endnotes (python-docx has no
footnote API)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from passerelle.briefs.document import Brief, note_text
from passerelle.briefs.sections import Footnote, Section, Table
from passerelle.core.templatetags.passerelle import longdate

NAVY = RGBColor(0x26, 0x37, 0x4A)


def _fld_char(run: object, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)  # type: ignore[attr-defined]


def _instruction(run: object, text: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run._r.append(element)  # type: ignore[attr-defined]


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in `paragraph`, Word filling in its value."""
    run = paragraph.add_run()
    _fld_char(run, "begin")
    _instruction(run, instruction)
    _fld_char(run, "separate")
    _fld_char(run, "end")


def _marking(paragraph: Paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(marking)
    run.bold = True


def _header_footer(document: WordDocument, marking: str, labels: dict[str, str]) -> None:
    """The marking in every page's header and footer, and page x of y under it."""
    section = document.sections[0]
    _marking(section.header.paragraphs[0], marking)
    _marking(section.footer.paragraphs[0], marking)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pages.add_run(f"{labels['page']} ")
    _field(pages, "PAGE")
    pages.add_run(f" {labels['of']} ")
    _field(pages, "NUMPAGES")


def _cover(document: WordDocument, brief: Brief, labels: dict[str, str]) -> None:
    _marking(document.add_paragraph(), brief.marking())
    department = document.add_paragraph()
    department.add_run(f"{labels['department']} — {brief.subtitle}").bold = True
    document.add_heading(brief.title, level=0)
    document.add_paragraph(labels["prepared"] % {"date": longdate(brief.day)})
    if brief.illustrative:
        document.add_paragraph().add_run(labels["illustrative"]).bold = True
    _contents(document, brief, labels)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document: WordDocument, brief: Brief, labels: dict[str, str]) -> None:
    """The table of contents as Word's own TOC field (headings 1 and 2, linked, with page
    numbers once Word updates it, which the document asks for on opening), whose text until then
    is the list of the brief's parts, so that a reader that does not update fields still shows
    the contents."""
    document.add_heading(labels["contents"], level=1)
    titles = [section.title for section in brief.sections if section.level == 2]
    if not titles:
        return
    paragraphs = [document.add_paragraph(style="List Number") for _ in titles]
    with _toc_field(document, paragraphs, levels="1-2"):
        for paragraph, title in zip(paragraphs, titles, strict=True):
            paragraph.add_run(title)


@contextmanager
def _toc_field(
    document: WordDocument, paragraphs: list[Paragraph], *, levels: str
) -> Iterator[None]:
    """Word's TOC field (the headings of `levels`, linked) over `paragraphs`: what the block
    writes in them is the field's text until Word updates it, which the document asks for on
    opening."""
    start = paragraphs[0].add_run()
    _fld_char(start, "begin")
    _instruction(start, f' TOC \\o "{levels}" \\h \\z \\u ')
    _fld_char(start, "separate")
    yield
    _fld_char(paragraphs[-1].add_run(), "end")
    _ask_to_update_fields(document)


# The elements of w:settings that come after w:updateFields: ECMA-376 Part 1 defines CT_Settings as
# a sequence (excerpted in python-docx's docs/dev/analysis/features/settings.rst), and Word
# refuses a document whose settings are out of order.
_AFTER_UPDATE_FIELDS = {
    qn(f"w:{name}")
    for name in (
        "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
        "smartTagType", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    )
} | {qn("m:mathPr"), qn("sl:schemaLibrary")}  # fmt: skip


def _ask_to_update_fields(document: WordDocument) -> None:
    """Have Word update the fields (the table of contents) when it opens the document."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    following = next((c for c in settings if c.tag in _AFTER_UPDATE_FIELDS), None)
    if following is None:
        settings.append(update)
    else:
        following.addprevious(update)


def _note_call(paragraph: Paragraph, number: int) -> None:
    run = paragraph.add_run(str(number))
    run.font.superscript = True


def _table(
    document: WordDocument, caption: str, columns: list[str], rows: list[list[str]]
) -> object:
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    return table


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _section(
    document: WordDocument,
    section: Section,
    number: dict[Footnote, int],
    labels: dict[str, str],
    *,
    depth: int = 0,
) -> None:
    """One section; `depth` levels below the document's top (a binder's part: 1)."""
    document.add_heading(section.title, level=(1 if section.level <= 2 else 2) + depth)
    for text in section.paragraphs:
        document.add_paragraph(text)
    for item in section.items:
        document.add_paragraph(item, style="List Bullet")
    if section.figures:
        table = _table(
            document,
            labels["key_figures"],
            [labels["figure"], labels["value"]],
            [[f.label, ""] for f in section.figures],
        )
        for row, figure in zip(table.rows[1:], section.figures, strict=True):  # type: ignore[attr-defined]
            cell = row.cells[1].paragraphs[0]
            cell.add_run(figure.value).bold = True
            if figure.illustrative:
                cell.add_run(f" ({labels['illustrative_short']})").italic = True
            _note_call(cell, number[figure.footnote])
    for table in section.tables:
        _data_table(document, table, number, labels)
    for image in section.images:
        document.add_picture(io.BytesIO(image.png), width=Cm(16))
        document.add_paragraph(f"{image.caption}. {image.alt}", style="Caption")


def _data_table(
    document: WordDocument, table: Table, number: dict[Footnote, int], labels: dict[str, str]
) -> None:
    caption = table.caption
    if table.illustrative:
        caption += f" ({labels['illustrative_short']})"
    _table(document, caption, table.columns, table.rows)
    if table.footnote is not None:
        note = document.add_paragraph(style="Caption")
        note.add_run(f"{labels['source']}: ")
        _note_call(note, number[table.footnote])


def _endnotes(
    document: WordDocument, brief: Brief, number: dict[Footnote, int], labels: dict
) -> None:
    if number:
        document.add_heading(labels["notes"], level=1)
        for note, n in number.items():
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{n}. ").bold = True
            paragraph.add_run(note_text(note, labels["as_of"]))
            paragraph.paragraph_format.space_after = Pt(2)
    if brief.missing_french:
        document.add_heading(labels["missing_french"], level=1)
        document.add_paragraph(labels["missing_french_intro"])
        for gap in brief.missing_french:
            document.add_paragraph(gap, style="List Bullet")
    _marking(document.add_paragraph(), brief.marking())


def _styles(document: WordDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Noto Sans"
    normal.font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = "Lato"
        style.font.color.rgb = NAVY


def _document(*, title: str, language: str, marking: str, labels: dict[str, str]) -> WordDocument:
    """A new Word document in the briefs' styles: titled, in `language`, and marked (its subject,
    and every page's header and footer)."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language
    document.core_properties.subject = marking
    _styles(document)
    _header_footer(document, marking, labels)
    return document


def render_docx(brief: Brief) -> bytes:
    """The brief as a .docx file."""
    labels = brief.labels()
    number = brief.numbering()
    document = _document(
        title=brief.title, language=brief.language, marking=brief.marking(), labels=labels
    )
    _cover(document, brief, labels)
    for section in brief.sections:
        _section(document, section, number, labels)
    _endnotes(document, brief, number, labels)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
