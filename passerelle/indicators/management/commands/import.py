"""`passerelle import KIND FILE`: import a publisher's file of indicators, all or nothing."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User
from passerelle.indicators.importers import KINDS, ImportFailed, run_import
from passerelle.indicators.models import ImportRun
from passerelle.indicators.services import run_summary


class Command(PasserelleCommand):
    help = (
        "Import a publisher's file of indicators (UNHCR, UN DESA, World Bank WDI, IRCC, IOM DTM) "
        "all or nothing, with a progress bar; prints what was read, imported, skipped and "
        "rejected. Importing the same file again changes nothing; a newer release keeps the "
        "earlier one's figures, marked superseded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="The publisher's format.")
        parser.add_argument("file", type=Path, help="The file, as the publisher gives it.")
        parser.add_argument("--user", help="The user the import is recorded as (optional).")
        parser.add_argument(
            "--release", default="", help="Name the release when the file does not say it."
        )
        parser.add_argument(
            "--retrieved",
            type=datetime.date.fromisoformat,
            help="When the file was retrieved from the publisher (YYYY-MM-DD; default today).",
        )
        parser.add_argument(
            "--metadata", type=Path, help="wdi: the Metadata_Country file, if not beside FILE."
        )

    def run(self, *args: Any, kind: str, file: Path, **options: Any) -> None:
        user = None
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"no active user {options['user']!r}")
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        bars: list[tqdm[Any]] = []

        def progress(total: int) -> Callable[[int], Any]:
            bar = tqdm(total=total, desc=kind, unit=" records", file=sys.stderr, leave=False)
            bars.append(bar)
            return bar.update

        try:
            run = run_import(
                kind,
                file,
                user=user,
                retrieved=options.get("retrieved"),
                release=options.get("release") or "",
                metadata=options.get("metadata"),
                progress=progress,
            )
        except ImportFailed as failed:
            raise CommandError(str(failed)) from None
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write("\n".join(run_summary(run)))
        if run.outcome == ImportRun.Outcome.FAILED:
            raise CommandError("Nothing was imported.")
