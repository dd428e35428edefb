"""`passerelle briefing digest|demo`: the daily e-mail digest of overdue brief requests; the
illustrative demo events and requests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from passerelle.core.commands import PasserelleCommand


class Command(PasserelleCommand):
    help = (
        "Briefing: send the daily digest of overdue brief requests by e-mail (each user's, "
        "as they may see them); load the demo events and requests (illustrative)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        digest = actions.add_parser("digest", help="Send the daily digest of overdue requests.")
        digest.add_argument("--language", choices=("en", "fr"), default="en")
        actions.add_parser("demo", help="Load the demo events and requests (make run does).")

    def run(self, *args: Any, action: str, **options: Any) -> None:
        if action == "digest":
            from passerelle.briefs.briefing.digest import send_digest

            sent = send_digest(language=options["language"])
            self.stdout.write(f"Sent {sent} digest(s).")
        else:
            from passerelle.briefs.briefing.demo import load_demo

            created = load_demo()
            self.stdout.write(f"Demo briefing: {created} record(s) created.")
