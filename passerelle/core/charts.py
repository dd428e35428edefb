"""Server-rendered charts: a matplotlib figure as an inline `<svg>` whose text stays text, so it
can be read, searched and translated. Every chart is shown beside its table."""

from __future__ import annotations

import io
import re
from types import ModuleType
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def pyplot() -> ModuleType:
    """matplotlib's pyplot on the Agg backend, imported by the first chart drawn rather than with
    every module that draws one (matplotlib takes most of a second to import)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as module

    return module


_TAG_WITH_STYLE = re.compile(r"<[a-zA-Z][^<>]*?\sstyle=\"[^\"]*\"[^<>]*>")
_STYLE = re.compile(r"\sstyle=\"([^\"]*)\"")
_ATTRIBUTE_NAME = re.compile(r"\s([a-zA-Z:-]+)=")
_STYLE_SHEET = re.compile(r"\s*<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")


def _declarations(css: str) -> list[tuple[str, str]]:
    pairs = (part.split(":", 1) for part in css.split(";") if ":" in part)
    return [(name.strip(), value.strip()) for name, value in pairs]


def _attributes(tag: re.Match[str]) -> str:
    """One element's `style` as SVG presentation attributes (those it has already kept)."""
    text = tag.group(0)
    css = _STYLE.search(text)
    assert css is not None
    text = text[: css.start()] + text[css.end() :]
    present = set(_ATTRIBUTE_NAME.findall(text))
    added = "".join(f' {n}="{v}"' for n, v in _declarations(css.group(1)) if n not in present)
    end = -2 if text.endswith("/>") else -1
    return text[:end].rstrip() + added + text[end:]


def presentation_attributes(svg: str) -> str:
    """matplotlib's SVG with its `style` attributes and its one `* {…}` style sheet written as
    presentation attributes (fill, stroke, font-size…; the sheet's on the root `<svg>`), which
    draw the same: the Content-Security-Policy refuses inline styles, not attributes."""
    sheet = _STYLE_SHEET.search(svg)
    if sheet is not None:
        rules = "".join(f' {n}="{v}"' for n, v in _declarations(sheet.group(1)))
        svg = svg[: sheet.start()] + svg[sheet.end() :]
        svg = svg.replace("<svg ", f"<svg{rules} ", 1)
    return _TAG_WITH_STYLE.sub(_attributes, svg)


def inline_svg(
    figure: Figure, *, title: str = "", description: str = "", tight: bool = False
) -> str:
    """`figure` as an `<svg>` element for a page (no XML prolog); the figure is closed.

    With a title, the chart is an image named by its title and description; without one, it is
    hidden from screen readers, for pages whose caption and table already describe it. `tight`
    crops the drawing to what it holds."""
    import matplotlib

    buffer = io.StringIO()
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "passerelle"}):
            figure.savefig(buffer, format="svg", bbox_inches="tight" if tight else None)
    finally:
        pyplot().close(figure)
    svg = presentation_attributes(buffer.getvalue())
    svg = svg[svg.index("<svg") :]
    if not title:
        return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    head_end = svg.index(">") + 1
    opening = svg[:head_end].replace(
        "<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1
    )
    named = (
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
    )
    return opening + named + svg[head_end:]
