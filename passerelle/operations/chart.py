"""The explorer's chart of processing days (core/charts.py renders it)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache

from passerelle.core.charts import inline_svg, pyplot


def days_chart(
    labels: Sequence[str],
    medians: Sequence[float | None],
    p80s: Sequence[float | None],
    *,
    median_label: str,
    p80_label: str,
    axis_label: str,
    lines: bool,
) -> str:
    """Median and 80th-percentile processing days per group: lines over months, else bars.

    Kept by everything drawn (matplotlib takes most of the explorer's time): the same labels,
    figures and captions give the same SVG, whoever asks, and labels a reader may not see are
    never in the key of what that reader is given."""
    drawn = (tuple(labels), tuple(medians), tuple(p80s), median_label, p80_label, axis_label, lines)
    key = "operations:chart:" + hashlib.sha256(repr(drawn).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _draw(labels, medians, p80s, median_label, p80_label, axis_label, lines)
        cache.set(key, svg, timeout=24 * 3600)
    return str(svg)


def _draw(
    labels: Sequence[str],
    medians: Sequence[float | None],
    p80s: Sequence[float | None],
    median_label: str,
    p80_label: str,
    axis_label: str,
    lines: bool,
) -> str:
    figure, axes = pyplot().subplots(figsize=(8, 3.2), dpi=96)
    x = list(range(len(labels)))
    med = [m if m is not None else float("nan") for m in medians]
    p80 = [p if p is not None else float("nan") for p in p80s]
    if lines:
        axes.plot(x, med, color="#26374a", label=median_label, linewidth=2)
        axes.plot(x, p80, color="#af3c43", label=p80_label, linewidth=2, linestyle="--")
        step = max(1, len(labels) // 12)
        axes.set_xticks(x[::step], [labels[i] for i in x[::step]], rotation=45, ha="right")
    else:
        width = 0.4
        axes.bar([i - width / 2 for i in x], med, width, color="#26374a", label=median_label)
        axes.bar([i + width / 2 for i in x], p80, width, color="#af3c43", label=p80_label)
        axes.set_xticks(x, list(labels), rotation=45, ha="right")
    axes.set_ylabel(axis_label)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False)
    return inline_svg(figure, tight=True)
