"""The binder as one PDF (WeasyPrint): a cover with the contents (each tab's first page), a
divider page before each part, the parts laid out as the briefs are (briefs/_document.html) with
their notes as footnotes numbered from 1 in each part, pages numbered across the whole, and the
binder's marking — the highest of what it shows — at the head and foot of every page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

from passerelle.briefs.binders.assemble import AssembledBinder
from passerelle.briefs.render.html import document_context
from passerelle.briefs.render.pdf import FONTS, offline_fetcher
from passerelle.core.templatetags.passerelle import longdate

TAB_POSITIONS = 8  # tabs step down the page's edge, as a binder's do, then start again


def print_context(binder: AssembledBinder) -> dict[str, Any]:
    """What briefs/binders/print.html needs: the binder's words and each part's layout."""
    parts = []
    for part in binder.parts:
        context = document_context(part.brief, print_version=True)
        parts.append(
            {
                "number": part.number,
                "edge": (part.number - 1) % TAB_POSITIONS,
                "anchor": f"tab-{part.number}-",  # two parts may have sections of one key
                "title": part.title,
                "provenance": part.provenance(),
                "brief": part.brief,
                "labels": context["labels"],
                "sections": context["sections"],
                "notes": context["notes"],
            }
        )
    labels = binder.labels()
    front = None
    if binder.front is not None:
        context = document_context(binder.front, print_version=True)
        front = {"brief": binder.front, "anchor": "front-", **context}
    return {
        "binder": binder,
        "front": front,
        "parts": parts,
        "labels": labels,
        "marking": binder.marking(),
        "day": longdate(binder.day),
        "fonts": FONTS.as_uri(),
    }


def render_binder_html(binder: AssembledBinder) -> str:
    """The HTML WeasyPrint lays out (also what a test reads)."""
    with override(binder.language):
        return render_to_string("briefs/binders/print.html", print_context(binder))


def render_binder_pdf(binder: AssembledBinder) -> bytes:
    """The binder as one PDF document."""
    from weasyprint import HTML

    document = HTML(
        string=render_binder_html(binder), url_fetcher=offline_fetcher(), base_url=FONTS.as_uri()
    )
    return document.write_pdf(
        pdf_identifier=f"binder-{binder.binder.pk}-{binder.language}".encode(),
        custom_metadata=False,
        full_fonts=True,
    )
