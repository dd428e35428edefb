"""`passerelle brief fundamental|country ISO3|forum SLUG --lang en|fr --format pdf|docx|html|md
--output FILE`: write a brief as a reader with the given user's clearance would see it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from passerelle.briefs.services import FORMATS, BriefNotFound, build_brief, filename, render
from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User


class Command(PasserelleCommand):
    help = (
        "Write a brief: the Fundamental Brief, a country brief (ISO alpha-3 code) or a forum "
        "brief (slug), in English or French, as PDF, DOCX, HTML or Markdown."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["fundamental", "country", "forum"])
        parser.add_argument("subject", nargs="?", default="", help="ISO alpha-3 code or slug")
        parser.add_argument("--lang", choices=["en", "fr"], default="en")
        parser.add_argument("--format", dest="fmt", choices=list(FORMATS), default="pdf")
        parser.add_argument(
            "--output",
            help="file to write (default: a name in the current directory; - for standard output)",
        )
        parser.add_argument(
            "--user",
            help="write the brief as this user sees it (default: the first active superuser)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        kind, subject = options["kind"], options["subject"]
        if kind != "fundamental" and not subject:
            raise CommandError(f"a {kind} brief needs its subject (ISO alpha-3 code or slug)")
        user = self._reader(options.get("user"))
        try:
            brief = build_brief(kind=kind, subject=subject, user=user, language=options["lang"])
        except BriefNotFound as error:
            raise CommandError(str(error)) from error
        data = render(brief, options["fmt"])
        output = options.get("output") or filename(brief, options["fmt"])
        if output == "-":
            sys.stdout.buffer.write(data)
            return
        Path(output).write_bytes(data)
        self.stdout.write(
            f"{output}: {brief.title} ({brief.language}, {brief.marking()}, "
            f"{len(brief.sections)} sections, {len(data):,} bytes)"
        )

    def _reader(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                f"no active user {username!r}"
                if username
                else "no active superuser: give --user (createsuperuser makes one)"
            )
        return user
