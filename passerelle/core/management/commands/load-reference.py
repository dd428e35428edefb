"""`passerelle load-reference [--directory DIR]`: load the reference dataset, all or nothing."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.core.reference import ReferenceDataError, load_reference


class Command(PasserelleCommand):
    help = (
        "Load the reference dataset (every fact of the binder, with its sources and country "
        "groups) from YAML files, all or nothing; a second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help="The folder of *.yaml reference files (default: data/reference/ in the project).",
        )

    def run(self, *args: Any, directory: Path | None, **options: Any) -> None:
        folder = directory or Path(settings.PROJECT_DIR) / "data" / "reference"
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a directory")
        try:
            report = load_reference(folder)
        except ReferenceDataError as error:
            raise CommandError(
                f"Reference data not loaded (nothing was written):\n{error}"
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed:
            self.stdout.write("Nothing to change: the database already holds this reference data.")
