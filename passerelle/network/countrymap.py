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
    from matplotlib.patches import Patch

    with translation.override(language):
        figure, axes = maps.world_figure(set(data["focus"]), data["fills"])
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
        maps.add_marking(
            figure, classification=data["classification"], illustrative=data["illustrative"]
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Title": title})
        return buffer.getvalue()
