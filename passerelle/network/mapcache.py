"""The network map as PNG, kept on disk by its inputs, so that a new process (the `brief`
command, each gunicorn worker) does not draw the world again (about two seconds) for a map drawn
before.

The file's name is a SHA-256 of everything the picture depends on: the features (offices,
points, focus, date, marking), the title, the language and the resolution, and the drawing
itself: the source of maps.py and atlas.py, the world-atlas shapes, the language's compiled
translations and matplotlib's version. A change to any of them gives another name, so a stale
picture is never served. The newest `KEEP` files are kept, the others removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings

KEEP = 64


def folder() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "maps"


@cache
def drawing(language: str) -> str:
    """A digest of what draws the map in `language`, besides its features (read once per
    process: the files change only with a new release or `make messages`)."""
    from passerelle.network import atlas

    here = Path(__file__).parent
    files = [here / "maps.py", here / "atlas.py", here / "countrymap.py"]
    files += [place / "countries-110m.json" for place in atlas._ATLAS_PLACES][:1]
    files += [Path(p) / language / "LC_MESSAGES" / "django.mo" for p in settings.LOCALE_PATHS]
    digest = hashlib.sha256(f"matplotlib {version('matplotlib')}".encode())
    for file in files:
        digest.update(str(file.name).encode())
        digest.update(file.read_bytes() if file.is_file() else b"(none)")
    return digest.hexdigest()


def key(features: dict[str, Any], *, title: str, language: str, dpi: int) -> str:
    inputs = json.dumps([features, title, language, dpi], sort_keys=True, default=str)
    return hashlib.sha256(f"{drawing(language)}\n{inputs}".encode()).hexdigest()


def png(
    features: dict[str, Any],
    *,
    title: str,
    language: str,
    dpi: int,
    render: Callable[..., bytes] | None = None,
) -> bytes:
    """The map as PNG: read from the cache when drawn before, else drawn (by `render`, the
    network map's `maps.render_png` unless another map of the atlas is given, such as
    countrymap's) and written there. `features` must hold all that the picture depends on."""
    from passerelle.network import maps

    render = render or maps.render_png
    path = folder() / f"{key(features, title=title, language=language, dpi=dpi)}.png"
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: kept by _prune
        return data
    except OSError:
        pass
    data = render(features, title=title, language=language, dpi=dpi)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a reader sees the whole picture or none
        _prune(path.parent)
    except OSError:
        pass  # a read-only data directory: the map is drawn each time, as before
    return data


def _prune(where: Path) -> None:
    pictures = sorted(where.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in pictures[KEEP:]:
        old.unlink(missing_ok=True)
