"""The server-side network map (SVG and PNG) and the TopoJSON decoding behind it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from passerelle.network import atlas, maps

SVG = "{http://www.w3.org/2000/svg}"


def feature(identifier: str, *, layer: str, kind: str, status: str | None = None) -> dict:
    properties: dict[str, Any] = {"layer": layer, "kind": kind, "name": identifier}
    if status:
        properties["status"] = status
    return {
        "type": "Feature",
        "id": identifier,
        "geometry": {"type": "Point", "coordinates": [-75.7, 45.4]},
        "properties": properties,
    }


FEATURES: dict[str, Any] = {
    "type": "FeatureCollection",
    "as_of": "2024-06-30",
    "classification": 1,
    "illustrative": True,
    "features": [
        feature("office-ottawa", layer="office", kind="visa_office"),
        feature("office-bucharest", layer="office", kind="global_operations_centre"),
        feature("point-lagos", layer="point", kind=maps.POINT_KIND, status="open"),
        feature("point-accra", layer="point", kind=maps.POINT_KIND, status="planned"),
    ],
}


def texts(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ["Visa office", "Biometric collection point"]), ("fr", ["Protégé A"])],
)
def test_render_svg_keeps_text_and_tags_each_marker(language: str, words: list[str]) -> None:
    svg = maps.render_svg(FEATURES, title="Le réseau", language=language)
    root = ET.fromstring(svg)  # noqa: S314 (our own SVG)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None
    written = texts(root)
    assert "Le réseau" in written
    for word in words:
        assert word in written
    group_ids = [g.get("id") or "" for g in root.iter(f"{SVG}g")]
    marked = [gid for gid in group_ids if gid.startswith(("office-", "point-"))]
    assert sorted(marked) == sorted(str(f["id"]) for f in FEATURES["features"])


def test_render_svg_legend_follows_the_language() -> None:
    from django.utils import translation

    with translation.override("fr"):
        expected = str(maps.kind_choices()[-1][1])
    svg = maps.render_svg(FEATURES, title="Carte", language="fr")
    assert expected in texts(ET.fromstring(svg))  # noqa: S314 (our own SVG)


def test_render_png_is_a_png() -> None:
    assert maps.render_png(FEATURES, title="Map", language="en", dpi=50).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_map_svg_view(viewer_client: Client) -> None:
    response = viewer_client.get("/en/network/map.svg", {"as_of": "2024-06-30", "lang": "fr"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own SVG)
    assert "2024-06-30" in texts(root)
    response = viewer_client.get("/en/network/map.svg", {"format": "png"})
    assert response["Content-Type"] == "image/png"


# A hand-written quantized topology: two unit squares sharing an edge (arc 1, which the second
# uses reversed), and a point that is skipped; scale 1, translate (10, 20).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "A", "arcs": [[0, 1, 3]]},
                {"type": "MultiPolygon", "id": "B", "arcs": [[[2, ~1]]]},
                {"type": "Point", "id": "P", "coordinates": [0, 0]},
            ],
        }
    },
    "arcs": [
        [[0, 0], [0, 1], [1, 0]],  # (10,20) (10,21) (11,21)
        [[1, 1], [0, -1]],  # (11,21) (11,20): the shared edge
        [[1, 1], [1, 0], [0, -1], [-1, 0]],  # (11,21) (12,21) (12,20) (11,20)
        [[1, 0], [-1, 0]],  # (11,20) (10,20)
    ],
}


def test_decode_arcs_undoes_quantization_and_deltas() -> None:
    arcs = atlas.decode_arcs(TOPOLOGY)
    assert arcs[0] == [(10, 20), (10, 21), (11, 21)]
    assert arcs[1] == [(11, 21), (11, 20)]
    assert arcs[3] == [(11, 20), (10, 20)]


def test_decode_polygons_joins_and_reverses_arcs() -> None:
    shapes = dict(atlas.decode_polygons(TOPOLOGY, "shapes"))
    assert set(shapes) == {"A", "B"}
    assert shapes["A"] == [[[(10, 20), (10, 21), (11, 21), (11, 20), (10, 20)]]]
    assert shapes["B"] == [[[(11, 21), (12, 21), (12, 20), (11, 20), (11, 21)]]]


def test_decode_unquantized_topology() -> None:
    topology = {
        "objects": {"o": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "X", "arcs": [[0]]}
        ]}},
        "arcs": [[[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]],
    }  # fmt: skip
    assert atlas.decode_polygons(topology, "o") == [
        ("X", [[[(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (0.5, 0.5)]]])
    ]


def test_unwrap_carries_a_ring_past_the_antimeridian() -> None:
    assert atlas.unwrap([(179.0, 60.0), (-179.0, 61.0), (179.0, 62.0)]) == [
        (179.0, 60.0),
        (181.0, 61.0),
        (179.0, 62.0),
    ]


def test_world_atlas_is_readable() -> None:
    shapes = atlas.decode_polygons(atlas.world_topology(), "countries")
    assert len(shapes) > 170
    canada = dict(shapes)["124"]
    assert all(-141.1 <= lon <= -52 for rings in canada for lon, _lat in rings[0])


def test_missing_atlas_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setattr(atlas, "_ATLAS_PLACES", (tmp_path,))
    with pytest.raises(atlas.AtlasMissing, match="npm ci"):
        atlas.world_topology.__wrapped__("110m")


def test_natural_earth_matches_d3() -> None:
    # d3.geoNaturalEarth1Raw(λ, φ) for (30°, 45°), computed with d3-geo 3.
    x, y = atlas.natural_earth(30, 45)
    assert (x, y) == pytest.approx((0.41066459266430544, 0.7930513944125289), abs=1e-12)
    assert atlas.natural_earth(0, 0) == (0.0, 0.0)
