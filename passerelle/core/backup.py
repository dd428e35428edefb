"""Backups of the database and of the data directory's stores, and their restore.

A backup is a folder `passerelle-backup-<UTC time>/` holding

    database.sqlite3 | database.pgdump   SQLite's online backup, or `pg_dump --format=custom`
    stores/<name>/...                    a copy of each registered store (operations, media)
    manifest.json                        row counts per table and SHA-256 per file

The row counts are those of the copy itself: on SQLite they are counted on the backup file, on
PostgreSQL in the transaction whose snapshot `pg_dump --snapshot` dumps, so a backup taken while
people write still restores to exactly the counts it names. The folder is written as
`….partial` and renamed last: a folder without that suffix is whole.

`restore` checks every file against the manifest before it writes anything, restores the
database in one transaction (the SQLite backup API; `pg_restore --single-transaction`), swaps
each store in by renaming, then counts the rows again and checks the stores' files: any
difference is an error that names the table or file.

Apps register their stores (`register_store`) in `ready()`: core knows no app.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
STORES_DIR = "stores"

_stores: dict[str, Callable[[], Path]] = {"media": lambda: Path(settings.MEDIA_ROOT)}


class BackupError(Exception):
    """A backup that cannot be taken or restored; the message says what and where."""


def register_store(name: str, path: Callable[[], Path]) -> None:
    """A folder of the data directory that a backup copies (its path read when the backup runs,
    so tests can move it)."""
    _stores[name] = path


def stores() -> dict[str, Path]:
    return {name: path() for name, path in sorted(_stores.items())}


@dataclass
class Manifest:
    created: str
    vendor: str
    tables: dict[str, int]
    files: dict[str, str]
    stores: list[str] = field(default_factory=list)
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text())
            manifest = cls(**data)
        except FileNotFoundError:
            raise BackupError(
                f"{path}: no manifest; this folder is not a Passerelle backup"
            ) from None
        except (ValueError, TypeError) as error:
            raise BackupError(f"{path}: not a readable manifest ({error})") from None
        if manifest.format != FORMAT:
            raise BackupError(f"{path}: format {manifest.format}, this version reads {FORMAT}")
        return manifest


# --- Taking a backup --------------------------------------------------------------------------


def backup(output: Path) -> tuple[Path, Manifest]:
    """Write a backup folder under `output`; returns its path and manifest."""
    created = datetime.now(UTC)
    name = f"passerelle-backup-{created:%Y%m%dT%H%M%SZ}"
    final = output / name
    if final.exists():
        raise BackupError(f"{final}: already exists")
    partial = output / f"{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        tables = _dump_database(partial)
        copied = []
        for store, path in stores().items():
            if path.is_dir():
                shutil.copytree(path, partial / STORES_DIR / store, symlinks=False)
                copied.append(store)
        manifest = Manifest(
            created=created.isoformat(timespec="seconds"),
            vendor=connection.vendor,
            tables=tables,
            files=dict(_checksums(partial)),
            stores=copied,
        )
        manifest.write(partial)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final, manifest


def _dump_database(folder: Path) -> dict[str, int]:
    if connection.vendor == "sqlite":
        target = folder / SQLITE_FILE
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            return _sqlite_counts(copy)
    if connection.vendor == "postgresql":
        # one snapshot for the counts and the dump: writes during the backup are in neither
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _counts(cursor, connection.introspection.table_names(cursor))
            _postgres(
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={folder / POSTGRES_FILE}",
            )
            return counts
    raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    catalogue = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    names = sorted(row[0] for row in database.execute(catalogue))
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        query = f"SELECT COUNT(*) FROM {quoted}"  # noqa: S608 (catalogue names, quoted)
        counts[name] = database.execute(query).fetchone()[0]
    return counts


def _counts(cursor: Any, names: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for name in sorted(names):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 (catalogue names, quoted)
        counts[name] = cursor.fetchone()[0]
    return counts


def current_counts() -> dict[str, int]:
    """Row counts of every table of the live database."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            names = [name for name in names if not name.startswith("sqlite_")]
        return _counts(cursor, names)


def _checksums(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            yield path.relative_to(folder).as_posix(), _sha256(path)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _postgres(program: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore against the default database, with its connection settings."""
    db = connection.settings_dict
    command = [program, "--no-password", *arguments]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{option}={db[key]}")
    command.append(f"--dbname={db['NAME']}")
    environment = dict(os.environ)
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    try:
        # the program and its arguments come from settings, not from a request
        result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client)") from None
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


# --- Restoring --------------------------------------------------------------------------------


def verify(folder: Path) -> Manifest:
    """The backup's manifest, once every file matches it: no file missing, none changed, none
    added. Reads only."""
    if not folder.is_dir():
        raise BackupError(f"{folder}: not a folder")
    manifest = Manifest.read(folder)
    found = dict(_checksums(folder))
    problems = [
        f"{folder / name}: missing" for name in sorted(manifest.files.keys() - found.keys())
    ]
    problems += [
        f"{folder / name}: not in the manifest"
        for name in sorted(found.keys() - manifest.files.keys())
    ]
    problems += [
        f"{folder / name}: checksum differs from the manifest (the file changed)"
        for name in sorted(manifest.files.keys() & found.keys())
        if found[name] != manifest.files[name]
    ]
    if problems:
        raise BackupError("The backup does not match its manifest:\n" + "\n".join(problems))
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"{folder}: a {manifest.vendor} backup cannot be restored into {connection.vendor}"
        )
    return manifest


def restore(folder: Path) -> Manifest:
    """Replace the database and the stores with the backup's, then check both against it."""
    manifest = verify(folder)
    staged = _stage_stores(folder, manifest)
    try:
        _load_database(folder)
    except BaseException:
        for path in staged.values():
            shutil.rmtree(path, ignore_errors=True)
        raise
    _swap_stores(staged)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    _check_restored(folder, manifest)
    return manifest


def _stage_stores(folder: Path, manifest: Manifest) -> dict[str, Path]:
    """Copy each store of the backup beside its live folder (`<store>.restoring`)."""
    staged = {}
    for name, live in stores().items():
        target = live.with_name(f"{live.name}.restoring")
        shutil.rmtree(target, ignore_errors=True)
        if name in manifest.stores:
            shutil.copytree(folder / STORES_DIR / name, target)
        else:
            target.mkdir(parents=True)  # the store did not exist when the backup was taken
        staged[name] = target
    return staged


def _swap_stores(staged: dict[str, Path]) -> None:
    live_paths = stores()
    for name, target in staged.items():
        live = live_paths[name]
        old = live.with_name(f"{live.name}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        if live.exists():
            live.rename(old)
        target.rename(live)
        shutil.rmtree(old, ignore_errors=True)


def _load_database(folder: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(folder / SQLITE_FILE)) as source:
            source.backup(connection.connection)
        return
    connection.close()  # pg_restore drops tables this connection may hold locks on
    _postgres(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        str(folder / POSTGRES_FILE),
    )


def _check_restored(folder: Path, manifest: Manifest) -> None:
    counts = current_counts()
    problems = [
        f"table {name}: {counts.get(name, 'missing')} rows, the backup has {rows}"
        for name, rows in sorted(manifest.tables.items())
        if counts.get(name) != rows
    ]
    live_paths = stores()
    for name in manifest.stores:
        prefix = f"{STORES_DIR}/{name}/"
        for relative, checksum in manifest.files.items():
            if relative.startswith(prefix):
                path = live_paths[name] / relative.removeprefix(prefix)
                if not path.is_file() or _sha256(path) != checksum:
                    problems.append(f"{path}: differs from the backup")
    if problems:
        raise BackupError("The restored data differs from the backup:\n" + "\n".join(problems))
