"""`passerelle prepare [--demo] [--force]`: migrate and load what changed (core/prepare.py)."""

from typing import Any

from django.core.management.base import CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.core.prepare import prepare


class Command(PasserelleCommand):
    help = (
        "Make the database ready to serve, skipping what has not changed since the last run: "
        "apply the migrations not yet applied, load the reference data if its files changed, "
        "and with --demo the demo administrator and the illustrative demo sets (make setup "
        "and make run do this)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also load the demo sets.")
        parser.add_argument("--force", action="store_true", help="Run every step, changed or not.")

    def run(self, *args: Any, demo: bool, force: bool, **options: Any) -> None:
        done = prepare(demo=demo, force=force)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Prepared: ran {', '.join(done)}." if done else "Prepared: nothing had changed."
            )
