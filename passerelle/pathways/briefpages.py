"""A measure's Question Period note and pathway brief: the page and its downloads.

Written by hand rather than declared: it is not a record's page but a document built from the
measure's records (pathways/documents.py) and laid out by the briefs app's renderers; the
briefs app's own brief page serves only its own kinds (fundamental, country, forum).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from passerelle.briefs.render.html import render_html
from passerelle.briefs.services import FORMATS, as_file
from passerelle.pathways import documents


@login_required
def pathway_brief(request: HttpRequest, slug: str) -> HttpResponse:
    """A measure's Question Period note or pathway brief as a page, or as a file:
    `?kind=qp-note|pathway`, `?lang=en|fr`, `?format=pdf|docx|md|html`."""
    kind = request.GET.get("kind", "qp-note")
    if kind not in documents.KINDS:
        raise Http404
    language = request.GET.get("lang") or get_language() or "en"
    if language not in ("en", "fr"):
        raise Http404
    built = documents.build(kind, slug, user=request.user, language=language)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return as_file(built, fmt)
    context = {
        "brief": built,
        "kind": kind,
        "language": language,
        "document": render_html(built, standalone=False),
        "formats": [("pdf", "PDF"), ("docx", "Word (DOCX)"), ("md", "Markdown"), ("html", "HTML")],
        "slug": slug,
    }
    return render(request, "pathways/brief.html", context)
