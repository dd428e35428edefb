"""`generate(binder, language, fmt, reader)`: the binder as a file, the one function the pages,
the command and a background job call (it takes and returns plain values, nothing of a request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify
from django.utils.translation import override

from passerelle.briefs.binders.assemble import AssembledBinder, assemble
from passerelle.briefs.models import Binder
from passerelle.core.models import User

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Each format as the pages offer it: (format, name).
DOWNLOADS = [("pdf", "PDF"), ("docx", "Word (DOCX)")]


@dataclass(frozen=True)
class BinderFile:
    """A generated binder: its file name, media type, bytes, and the marking it carries."""

    name: str
    content_type: str
    content: bytes
    marking: str


def render(assembled: AssembledBinder, fmt: str) -> bytes:
    """The assembled binder as `fmt`, its dates and numbers in the binder's language."""
    with override(assembled.language):
        if fmt == "pdf":
            from passerelle.briefs.binders.pdf import render_binder_pdf

            return render_binder_pdf(assembled)
        if fmt == "docx":
            from passerelle.briefs.binders.docx import render_binder_docx

            return render_binder_docx(assembled)
    raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")


def filename(assembled: AssembledBinder, fmt: str) -> str:
    """binder-12-dm-visit-to-mexico-fr-2026-12-06.pdf"""
    slug = slugify(assembled.binder.title_en)[:60]
    day = (assembled.binder.day or date.today()).isoformat()
    return f"binder-{assembled.binder.pk}-{slug}-{assembled.language}-{day}.{fmt}"


def generate(binder: Binder, language: str, fmt: str, reader: User) -> BinderFile:
    """`binder` in `language` (en, fr) as `fmt` (pdf, docx), as `reader` may see it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    assembled = assemble(binder, user=reader, language=language)
    return BinderFile(
        filename(assembled, fmt), FORMATS[fmt], render(assembled, fmt), assembled.marking()
    )
