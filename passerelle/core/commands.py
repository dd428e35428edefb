"""The base of Passerelle's management commands: each run is one change-log context."""

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser


class PasserelleCommand(BaseCommand):
    """A command whose writes are logged as `command:<name>`, with one run id per run.

    Subclasses implement `run()` instead of `handle()`.

    The commands run no system checks: the checks import every URL and view (about 1.5 s),
    and none of these commands serves a page. `migrate`, `check` and `runserver` run them.
    `--skip-checks` is still accepted, and does nothing.

    A command's actions (its first argument) that read and write files only, never a model
    or the database, are named in `without_apps`: `passerelle` runs them without setting
    Django up (manage.py `run_without_apps`), which would import every model (most of a
    second), and so without a change-log context, as they write no record.
    """

    requires_system_checks: list[str] = []
    without_apps: frozenset[str] = frozenset()

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if not self.requires_system_checks:
            parser.add_argument(
                "--skip-checks", action="store_true", help="Accepted; no checks are run."
            )
        return parser

    def handle(self, *args: Any, **options: Any) -> str | None:
        if not apps.ready:  # an action of `without_apps`, run by manage.py
            return self.run(*args, **options)
        from passerelle.core.changelog import change_context  # imports the models

        name = type(self).__module__.rsplit(".", 1)[-1]
        with change_context(actor=f"command:{name}"):
            return self.run(*args, **options)

    def run(self, *args: Any, **options: Any) -> str | None:
        raise NotImplementedError


class CSVImportCommand(PasserelleCommand):
    """`KIND FILE --user NAME [--dry-run]`: an all-or-nothing CSV import made as a user (their
    role and clearance apply). Every rejected row is printed as `FILE:line, column: reason`
    and nothing is written. Subclasses give `kinds` and `import_file()`; `dry_run` says whether
    their importer can check a file without writing."""

    kinds: tuple[str, ...] = ()
    dry_run = False

    def import_file(self, kind: str, handle: Any, *, user: Any, dry_run: bool) -> Any:
        """Import the open file; returns the importer's report (ok, errors, counts)."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=self.kinds, help="What the file holds.")
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8, with a header row).")
        parser.add_argument(
            "--user",
            required=True,
            help="The user the import is made as: their role and clearance apply.",
        )
        if self.dry_run:
            parser.add_argument(
                "--dry-run",
                action="store_true",
                help="Check the file and count what would change; write nothing.",
            )

    def run(
        self, *args: Any, kind: str, file: Path, user: str, dry_run: bool = False, **options: Any
    ) -> None:
        from passerelle.core.models import User

        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user {user!r}") from None
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with file.open("rb") as handle:
                report = self.import_file(kind, handle, user=importer, dry_run=dry_run)
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from None
        if not report.ok:
            lines = "\n".join(f"{file}:{error}" for error in report.errors)
            raise CommandError(f"Nothing was imported:\n{lines}")
        prefix = "dry run, nothing written: " if dry_run else ""
        rows = f"{report.rows} row" + ("" if report.rows == 1 else "s")
        self.stdout.write(
            f"{prefix}{kind}: {rows}, {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged"
        )
