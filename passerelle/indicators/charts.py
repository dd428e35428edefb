"""A series as a server-rendered SVG line chart (matplotlib), its text kept as text.

The SVG has a title and a description for screen readers; the page always shows the same figures
as a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from passerelle.core.charts import inline_svg, pyplot
from passerelle.core.templatetags.passerelle import compact, number
from passerelle.indicators.models import Observation


def _label(value: float) -> str:
    return compact(value) if abs(value) >= 1_000_000 else number(round(value, 1))


def line_chart(observations: Sequence[Observation], *, title: str, description: str) -> str:
    """The series as an SVG document (a string), or "" when no observation has a value."""
    points = [(o.period, o.value) for o in observations if o.value is not None]
    if not points:
        return ""
    from matplotlib.ticker import FuncFormatter

    figure, axes = pyplot().subplots(figsize=(8, 3.6), dpi=96)
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
    return inline_svg(figure, title=title, description=description)
