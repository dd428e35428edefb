"""A series as a server-rendered SVG line chart (matplotlib), its text kept as text.

The SVG has a title and a description for screen readers; the page always shows the same figures
as a table beside it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("svg")
from matplotlib import pyplot
from matplotlib.ticker import FuncFormatter

from passerelle.indicators.models import Observation
from passerelle.web.templatetags.passerelle import compact, number

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text, not paths
matplotlib.rcParams["font.family"] = "sans-serif"


def _label(value: float) -> str:
    return compact(value) if abs(value) >= 1_000_000 else number(round(value, 1))


def line_chart(observations: Sequence[Observation], *, title: str, description: str) -> str:
    """The series as an SVG document (a string), or "" when no observation has a value."""
    points = [(o.period, o.value) for o in observations if o.value is not None]
    if not points:
        return ""
    figure, axes = pyplot.subplots(figsize=(8, 3.6), dpi=96)
    try:
        labels = [period for period, _value in points]
        values = [value for _period, value in points]
        axes.plot(range(len(values)), values, marker="o", color="#26374a", linewidth=2)
        step = max(1, len(labels) // 10)
        axes.set_xticks(range(0, len(labels), step))
        axes.set_xticklabels(labels[::step], rotation=0, fontsize=9)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _label(value)))
        axes.set_ylim(bottom=0)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    finally:
        pyplot.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    head_end = svg.index(">") + 1
    accessible = (
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
    )
    opening = svg[:head_end].replace(
        "<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1
    )
    return opening + accessible + svg[head_end:]
