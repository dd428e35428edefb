"""A map of countries shaded by a count (another app's "projects by country"), drawn offline on
the network map's atlas and projection (maps.py, atlas.py) and kept on disk by its inputs like
it (mapcache.py). Other apps reach it through `network.services.country_map_png`, never through
the network's views.

Four shades of blue, from light to dark, each at least 3:1 against the land colour where it
matters less (the lightest is told apart by its border); a page showing the map gives the same
figures in a table beside it.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from passerelle.core.classification import Classification
from passerelle.network import maps

SHADES = ("#b3d0e8", "#6aa2d2", "#2b6ca3", "#0b3a66")


def classes(counts: dict[str, int]) -> list[tuple[int, int, str]]:
    """Up to four classes of equal width over 1…the largest count: (low, high, colour)."""
    top = max(counts.values(), default=0)
    if top <= 0:
        return []
    width = max(1, -(-top // len(SHADES)))  # ceiling division
    found = []
    for index, colour in enumerate(SHADES):
        low, high = index * width + 1, min((index + 1) * width, top)
        if low > top:
            break
        found.append((low, high, colour))
    return found


def features(
    counts: dict[str, int], *, unit: str, classification: int, illustrative: bool
) -> dict[str, Any]:
    """All the picture depends on (the cache's key): each country's shade by its ISO numeric
    code, the legend's classes, the marking."""
    bins = classes(counts)
    fills = {}
    for code, count in counts.items():
        for low, high, colour in bins:
            if low <= count <= high:
                fills[code] = colour
    return {
        "map": "countries",
        "fills": dict(sorted(fills.items())),
        "legend": [[low, high, colour] for low, high, colour in bins],
        "unit": unit,
        "focus": sorted(fills),
        "classification": classification,
        "illustrative": illustrative,
    }


def render_png(data: dict[str, Any], *, title: str, language: str, dpi: int = 110) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    with translation.override(language):
        figure = Figure(figsize=(10, 5.6))
        axes = figure.add_axes((0.01, 0.1, 0.98, 0.8))
        axes.set_axis_off()
        axes.set_aspect("equal")
        limits = maps._limits(maps._focus_positions(set(data["focus"])))
        maps._draw_countries(axes, limits, data["fills"])
        axes.set_xlim(*limits[0])
        axes.set_ylim(*limits[1])
        figure.suptitle(title, x=0.01, y=0.97, ha="left", fontsize=14, fontweight="bold")
        handles = [
            Patch(
                facecolor=colour,
                edgecolor="#555555",
                label=(f"{low} {data['unit']}" if low == high else f"{low}–{high} {data['unit']}"),
            )
            for low, high, colour in data["legend"]
        ]
        if handles:
            axes.legend(
                handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01),
                ncol=len(handles), frameon=False, fontsize=9,
            )  # fmt: skip
        parts = [
            str(Classification(data["classification"]).label),
            pgettext(
                "map credit", "Shapes: Natural Earth via world-atlas; Natural Earth I projection"
            ),
        ]
        if data["illustrative"]:
            parts.append(_("Illustrative data: not real, not to be quoted"))
        figure.text(0.01, 0.015, " · ".join(parts), fontsize=8, ha="left", color="#333333")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Title": title})
        return buffer.getvalue()
