"""`passerelle restore FOLDER --yes`: replace the database and the stores with a backup's,
after checking every file against its manifest, and check the result against it."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passerelle.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `passerelle backup`: checks every file against the manifest "
        "first (nothing is written if one differs), replaces the database and the stores, then "
        "checks the row counts and files against the manifest."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="The backup folder (passerelle-backup-…).")
        parser.add_argument(
            "--yes", action="store_true", help="Replace the current data without asking."
        )
        parser.add_argument(
            "--check", action="store_true", help="Only verify the backup against its manifest."
        )

    def handle(self, *args: Any, folder: Path, yes: bool, check: bool, **options: Any) -> None:
        try:
            if check:
                manifest = verify(folder)
                self.stdout.write(f"{folder}: {len(manifest.files)} files match the manifest")
                return
            if not yes and not self._confirmed(folder):
                raise CommandError("Nothing restored: give --yes to replace the current data.")
            manifest = restore(folder)
        except (BackupError, OSError) as error:
            raise CommandError(f"Not restored: {error}") from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"Restored {folder} ({manifest.created}): {len(manifest.tables)} tables and "
            f"{rows} rows match the manifest, and every store file its checksum."
        )

    def _confirmed(self, folder: Path) -> bool:
        if not sys.stdin.isatty():
            return False
        answer = input(f"Replace the database and stores with {folder}? Type yes: ")
        return answer.strip().lower() == "yes"
