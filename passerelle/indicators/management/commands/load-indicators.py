"""`passerelle load-indicators [--directory DIR]`: import the project's snapshot of the publishers'
open data (data/indicators/), skipping the files already imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.indicators.importers import ImportFailed
from passerelle.indicators.models import ImportRun
from passerelle.indicators.services import run_summary
from passerelle.indicators.snapshot import load_snapshot


class Command(PasserelleCommand):
    help = (
        "Import the dated snapshot of UNHCR, UN DESA, World Bank and IRCC open data the project "
        "carries (data/indicators/snapshot.toml) through the same importers as `import`; a file "
        "already imported (same kind and SHA-256) is skipped without being read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help="The snapshot folder, with its snapshot.toml (default: data/indicators/).",
        )

    def run(self, *args: Any, directory: Path | None, **options: Any) -> None:
        try:
            loaded = load_snapshot(directory)
        except ImportFailed as failed:
            raise CommandError(str(failed)) from None
        failed_files = []
        for item in loaded:
            if item.run is None:
                self.stdout.write(f"{item.file.kind}: {item.file.path.name} — already imported")
                continue
            self.stdout.write("\n".join(run_summary(item.run)))
            if item.run.outcome == ImportRun.Outcome.FAILED:
                failed_files.append(item.file.path.name)
        if failed_files:
            raise CommandError(f"Not imported: {', '.join(failed_files)}")
