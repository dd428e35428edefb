"""The world atlas the network map is drawn on: world-atlas's TopoJSON shapes (Natural Earth,
1:110m), decoded into rings of (longitude, latitude), and the Natural Earth I projection that
the page's d3-geo uses too (static/network/map.js).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent
_ATLAS_PLACES = (
    _PACKAGE.parent / "node_modules" / "world-atlas",
    _PACKAGE / "web" / "static" / "vendor" / "world-atlas",
)


# --- TopoJSON ------------------------------------------------------------------------------

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """The topology's arcs as lists of (longitude, latitude). A quantized topology (one with a
    `transform`) stores each arc as a first position then deltas, in integer steps of `scale`
    from `translate`; an unquantized one stores positions as they are."""
    transform = topology.get("transform")
    if not transform:
        return [[(x, y) for x, y, *_rest in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for step_x, step_y, *_rest in arc:
            x, y = x + step_x, y + step_y
            positions.append((x * kx + dx, y * ky + dy))
        arcs.append(positions)
    return arcs


def _ring(indexes: Sequence[int], arcs: list[Ring]) -> Ring:
    """Join arcs into a ring; a negative index ~i means arc i reversed, and each arc after the
    first starts where the previous one ended, so its first position is dropped."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def decode_polygons(topology: dict[str, Any], name: str) -> list[tuple[str, list[list[Ring]]]]:
    """Each geometry of the object `name` as (id, polygons), a polygon being its rings (outer
    ring first). Points and lines are skipped: a map of countries has none."""
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"][name].get("geometries", []):
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
        shapes.append((str(geometry.get("id", "")), rings))
    return shapes


class AtlasMissing(RuntimeError):
    """The world-atlas TopoJSON is neither in node_modules nor in the vendored static files."""


@cache
def world_topology(resolution: str = "110m") -> dict[str, Any]:
    """world-atlas's countries-<resolution>.json, read from node_modules or the vendored copy."""
    name = f"countries-{resolution}.json"
    for folder in _ATLAS_PLACES:
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    raise AtlasMissing(
        f"{name} not found in {' or '.join(str(folder) for folder in _ATLAS_PLACES)}; "
        "run `npm ci` then `make assets`"
    )


# --- Server-side rendering -----------------------------------------------------------------


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth I projection (Šavrič, Jenny, Patterson and Jenny, 2011), as d3-geo's
    `geoNaturalEarth1` computes it, in radians of the unit sphere."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


def unwrap(ring: Ring) -> Ring:
    """The ring with continuous longitudes: a ring that crosses the antimeridian (Russia's
    Chukotka, Fiji) jumps by about 360° there; it goes on past ±180° instead."""
    unwrapped: Ring = []
    offset = 0.0
    for index, (longitude, latitude) in enumerate(ring):
        if index:
            step = longitude - ring[index - 1][0]
            offset += -360.0 if step > 180 else 360.0 if step < -180 else 0.0
        unwrapped.append((longitude + offset, latitude))
    return unwrapped
