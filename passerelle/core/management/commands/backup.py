"""`passerelle backup [--output DIR]`: the database and the data directory's stores, with a
manifest of row counts and checksums (docs/operations.md)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from passerelle.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite's online backup or pg_dump) and the data directory's "
        "stores into a new folder, with a manifest of row counts and checksums that "
        "`passerelle restore` verifies. Safe while people work."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Where the backup folder is written (default: backups/ in the data directory).",
        )

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        folder = output or Path(settings.DATA_DIR) / "backups"
        try:
            path, manifest = backup(folder)
        except (BackupError, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"{path}: {len(manifest.tables)} tables, {rows} rows, "
            f"{len(manifest.files)} files (stores: {', '.join(manifest.stores) or 'none'})"
        )
