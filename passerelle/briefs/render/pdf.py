"""The brief as PDF (WeasyPrint): a cover with the marking, a table of contents with page
numbers, the marking at the head and foot of every page, page x of y, CSS footnotes, the map.

Nothing is fetched: the fonts are the vendored GC Design System fonts, the map is embedded, and
the URL fetcher refuses every address outside the vendored fonts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

from passerelle.briefs.document import Brief
from passerelle.briefs.render.html import document_context

FONTS = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "fonts"


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the vendored fonts and embedded data only, and
    refuses everything else (briefs are made offline)."""
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://").split("?")[0]).resolve()
                if not path.is_relative_to(FONTS):
                    raise ValueError(f"briefs fetch nothing from outside: refused {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"briefs fetch nothing from outside: refused {url}")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols=("file", "data"))


def render_pdf(brief: Brief) -> bytes:
    """The brief as a PDF document."""
    from weasyprint import HTML

    with override(brief.language):
        context = document_context(brief, print_version=True)
        context["fonts"] = FONTS.as_uri()
        html = render_to_string("briefs/standalone.html", context)
    document = HTML(string=html, url_fetcher=offline_fetcher(), base_url=FONTS.as_uri())
    return document.write_pdf(
        pdf_identifier=f"{brief.kind}-{brief.subject}-{brief.language}".encode(),
        custom_metadata=False,
        full_fonts=True,
    )
