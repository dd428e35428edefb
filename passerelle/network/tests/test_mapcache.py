"""The map's PNG kept on disk by its inputs (network/mapcache.py): drawn once, whatever the
process, and drawn again when anything it depends on changes."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.briefs.fundamental import annex
from passerelle.network import mapcache, maps

FEATURES: dict[str, Any] = {
    "type": "FeatureCollection",
    "as_of": "2025-03-31",
    "classification": 0,
    "illustrative": False,
    "focus": [],
    "features": [
        {
            "type": "Feature",
            "id": "office-1",
            "geometry": {"type": "Point", "coordinates": [77.2, 28.6]},
            "properties": {"layer": "office", "kind": "visa_office", "name": "New Delhi"},
        }
    ],
}


@pytest.fixture
def drawings(monkeypatch, settings, tmp_path) -> list[str]:
    """Each drawing's title, in the order drawn (the drawing itself is replaced: it takes
    seconds, and what is tested is whether it happens)."""
    settings.DATA_DIR = tmp_path
    drawn: list[str] = []

    def render_png(features: dict[str, Any], *, title: str, language: str, dpi: int) -> bytes:
        drawn.append(title)
        return f"PNG {title} {language} {dpi} {len(drawn)}".encode()

    monkeypatch.setattr(maps, "render_png", render_png)
    return drawn


def test_a_map_drawn_once_is_read_from_disk_afterwards(drawings):
    first = mapcache.png(FEATURES, title="Map", language="en", dpi=110)
    again = mapcache.png(FEATURES, title="Map", language="en", dpi=110)
    assert again == first
    assert drawings == ["Map"]
    assert [p.suffix for p in mapcache.folder().iterdir()] == [".png"]


def test_any_input_changed_draws_again(drawings, monkeypatch):
    mapcache.png(FEATURES, title="Map", language="en", dpi=110)
    moved = {**FEATURES, "as_of": "2025-06-30"}
    mapcache.png(moved, title="Map", language="en", dpi=110)
    mapcache.png(FEATURES, title="Carte", language="fr", dpi=110)
    mapcache.png(FEATURES, title="Map", language="en", dpi=200)
    assert len(drawings) == 4
    monkeypatch.setattr(mapcache, "drawing", lambda language: "maps.py changed")
    mapcache.png(FEATURES, title="Map", language="en", dpi=110)
    assert len(drawings) == 5


def test_only_the_newest_pictures_are_kept(drawings, monkeypatch):
    monkeypatch.setattr(mapcache, "KEEP", 2)
    for dpi in (50, 60, 70):
        mapcache.png(FEATURES, title="Map", language="en", dpi=dpi)
    assert len(list(mapcache.folder().glob("*.png"))) == 2


def test_the_brief_map_is_not_drawn_again_by_a_new_process(drawings, monkeypatch):
    monkeypatch.setattr(annex, "_rendered", {})
    first = annex.map_png(FEATURES, title="Map", language="en")
    monkeypatch.setattr(annex, "_rendered", {})  # what a new process starts with
    assert annex.map_png(FEATURES, title="Map", language="en") == first
    assert drawings == ["Map"]
