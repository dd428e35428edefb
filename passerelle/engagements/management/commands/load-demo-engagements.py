"""`passerelle load-demo-engagements`: the illustrative demo set of engagements."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.engagements.demo.loader import load_demo
from passerelle.engagements.demo.vocabulary import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    DEMO_TODAY,
    DemoError,
)


class Command(PasserelleCommand):
    help = (
        "Load an illustrative demo set of engagements, with their participants, follow-ups, "
        "commitments and irritants, every record marked illustrative. It draws on the reference "
        f"data (run load-reference first) and spans the three years to {DEMO_TODAY.isoformat()}, "
        "with some upcoming engagements after it. All or nothing; a second run with the same "
        "seed and count changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Generator seed; a seed always plans the same set (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--count",
            type=int,
            default=DEFAULT_COUNT,
            help=f"How many engagements (default {DEFAULT_COUNT}).",
        )

    def run(self, *args: Any, seed: int, count: int, **options: Any) -> None:
        try:
            report = load_demo(seed=seed, count=count)
        except DemoError as error:
            raise CommandError(str(error)) from None
        for line in report.lines()[1:]:
            self.stdout.write(line)
        if not report.changed:
            self.stdout.write("Nothing to change: the database already holds this demo set.")
