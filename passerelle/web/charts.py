"""Server-rendered charts: a matplotlib figure as an inline `<svg>` whose text stays text, so it
can be read, searched and translated. Every chart is shown beside its table."""

from __future__ import annotations

import io
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
    svg = buffer.getvalue()
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
