"""`passerelle engagements-import KIND FILE --user NAME [--dry-run]`: import a CSV of engagements
or follow-ups, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User
from passerelle.engagements.importers import KINDS, import_csv


class Command(PasserelleCommand):
    help = (
        "Import a CSV file of engagements or follow-ups (docs/engagements-import.md), all or "
        "nothing: every rejected row is printed with its line, column and reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="What the file holds.")
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8, with a header row).")
        parser.add_argument(
            "--user",
            required=True,
            help="The user the import is made as: their role and clearance apply.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count what would change; write nothing.",
        )

    def run(
        self, *args: Any, kind: str, file: Path, user: str, dry_run: bool, **options: Any
    ) -> None:
        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user {user!r}") from None
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with file.open("rb") as handle:
                report = import_csv(kind, handle, user=importer, dry_run=dry_run)
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from None
        if not report.ok:
            lines = "\n".join(f"{file}:{error}" for error in report.errors)
            raise CommandError(f"Nothing was imported:\n{lines}")
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{kind}: {report.rows} rows, {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged"
        )
