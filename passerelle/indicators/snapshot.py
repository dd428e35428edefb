"""The dated snapshot of the publishers' open data the project carries (data/indicators/), imported
on first run through the same importers as `passerelle import`.

`data/indicators/snapshot.toml` lists the files: kind, path, release name (when the file does not
say it) and retrieval date. A file whose kind and SHA-256 an earlier run already imported is
skipped before it is read, so `make run` pays for the import once.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from passerelle.indicators.importers import KINDS, ImportFailed, checksum, run_import
from passerelle.indicators.models import ImportRun

MANIFEST = "snapshot.toml"


def default_folder() -> Path:
    return Path(settings.PROJECT_DIR) / "data" / "indicators"


@dataclass(frozen=True)
class SnapshotFile:
    """One entry of the manifest."""

    kind: str
    path: Path
    release: str
    retrieved: datetime.date


@dataclass
class Loaded:
    """What happened to one file: imported now (`run`), or skipped as already imported."""

    file: SnapshotFile
    run: ImportRun | None

    @property
    def skipped(self) -> bool:
        return self.run is None


def read_manifest(folder: Path) -> list[SnapshotFile]:
    """The manifest's files, each checked (known kind, file present, date given)."""
    manifest = folder / MANIFEST
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportFailed(f"{manifest}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ImportFailed(f"{manifest}: not valid TOML ({error})") from None
    files = []
    for number, entry in enumerate(data.get("file") or [], start=1):
        where = f"{manifest}, file {number}"
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ImportFailed(f"{where}, field kind: {kind!r} is not one of {', '.join(KINDS)}")
        path = folder / str(entry.get("path") or "")
        if not path.is_file():
            raise ImportFailed(f"{where}, field path: {path} is not a file")
        retrieved = entry.get("retrieved")
        if not isinstance(retrieved, datetime.date):
            raise ImportFailed(f"{where}, field retrieved: a date (YYYY-MM-DD) is required")
        files.append(SnapshotFile(kind, path, str(entry.get("release") or ""), retrieved))
    if not files:
        raise ImportFailed(f"{manifest}: lists no [[file]]")
    return files


def already_imported(file: SnapshotFile) -> bool:
    return ImportRun.objects.filter(
        kind=file.kind, checksum=checksum(file.path), outcome=ImportRun.Outcome.IMPORTED
    ).exists()


def load_snapshot(
    folder: Path | None = None,
    *,
    progress: Callable[[int], Callable[[int], Any]] | None = None,
) -> list[Loaded]:
    """Import every file of the snapshot not imported yet. Each file is all or nothing (a failed
    run is returned, its problems recorded); the caller decides whether that stops it."""
    loaded = []
    for file in read_manifest(folder or default_folder()):
        if already_imported(file):
            loaded.append(Loaded(file, None))
            continue
        run = run_import(
            file.kind,
            file.path,
            user=None,
            retrieved=file.retrieved,
            release=file.release,
            progress=progress,
        )
        loaded.append(Loaded(file, run))
    return loaded
