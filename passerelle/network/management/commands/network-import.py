"""`passerelle network-import KIND FILE --user NAME`: import a CSV of offices, points or staffing,
all or nothing."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User
from passerelle.network.importers import KINDS, import_csv


class Command(PasserelleCommand):
    help = (
        "Import a CSV file of offices, biometric collection points or staffing snapshots, all or "
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

    def run(self, *args: Any, kind: str, file: Path, user: str, **options: Any) -> None:
        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user {user!r}") from None
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with file.open("rb") as handle:
                report = import_csv(kind, handle, user=importer)
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from None
        if not report.ok:
            lines = "\n".join(f"{file}:{error}" for error in report.errors)
            raise CommandError(f"Nothing was imported:\n{lines}")
        self.stdout.write(
            f"{kind}: {report.rows} rows, {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
