"""The pathway page's charts (core/charts.py renders them; each is shown with its table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from passerelle.core.charts import inline_svg, pyplot

NAVY, RED, GREY = "#26374a", "#af3c43", "#7d828b"


def funnel_chart(
    labels: Sequence[str],
    published: Sequence[int],
    records: Sequence[int | None],
    *,
    published_label: str,
    records_label: str,
) -> str:
    """Each stage of the funnel as a bar: the published figure, and beside it the one counted
    from our records where there is one."""
    figure, axes = pyplot().subplots(figsize=(7, 0.6 + 0.55 * len(labels)), dpi=96)
    y = list(range(len(labels)))
    height = 0.38 if any(r is not None for r in records) else 0.6
    axes.barh([i - height / 2 for i in y], published, height, color=NAVY, label=published_label)
    if any(r is not None for r in records):
        axes.barh(
            [i + height / 2 for i in y],
            [r or 0 for r in records],
            height,
            color=GREY,
            label=records_label,
        )
        axes.legend(frameon=False)
    axes.set_yticks(y, list(labels))
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)
    return inline_svg(figure, tight=True)


def progress_chart(
    days: Sequence[date],
    values: Sequence[int],
    *,
    target: int | None,
    target_label: str,
    projected: tuple[date, date, date | None] | None = None,
    axis_label: str,
) -> str:
    """The published figures over time against the commitment's target, with the projected
    completion and its interval where one is made."""
    figure, axes = pyplot().subplots(figsize=(8, 3.2), dpi=96)
    axes.plot(list(days), list(values), color=NAVY, marker="o", linewidth=2)
    if target is not None:
        axes.axhline(target, color=RED, linestyle="--", linewidth=1.5, label=target_label)
        axes.legend(frameon=False, loc="lower right")
    if projected is not None:
        expected, earliest, latest = projected
        axes.plot([days[-1], expected], [values[-1], target], color=NAVY, linestyle=":")
        axes.axvspan(earliest, latest or expected, color=GREY, alpha=0.2)
    axes.set_ylabel(axis_label)
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    return inline_svg(figure, tight=True)
