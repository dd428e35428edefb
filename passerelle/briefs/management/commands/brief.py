"""`passerelle brief fundamental|country ISO3|forum SLUG --lang en|fr --format pdf|docx|html|md
--output FILE`: write a brief as a reader with the given user's clearance would see it.

`passerelle brief fidelity [--lang en|fr] [--format md|pdf|docx] [--binder FILE]`: compare the
Fundamental Brief with the binder (briefs/fidelity/); exit status 1 when something is missing."""

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
        "brief (slug), in English or French, as PDF, DOCX, HTML or Markdown. 'fidelity' "
        "compares the Fundamental Brief with the binder instead: what it holds and what it "
        "misses of the binder's figures, names, sentences and annex rows, per part, language "
        "and format (exit status 1 when something is missing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["fundamental", "country", "forum", "fidelity"])
        parser.add_argument("subject", nargs="?", default="", help="ISO alpha-3 code or slug")
        parser.add_argument(
            "--lang",
            choices=["en", "fr"],
            help="the brief's language (default en; fidelity: both unless given)",
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=list(FORMATS),
            help="the file's format (default pdf; fidelity: md, pdf and docx unless given)",
        )
        parser.add_argument(
            "--binder",
            type=Path,
            help="fidelity: the binder's text (default: ../shared/ beside the project, where "
            "the binder's source in data/reference/sources.yaml says)",
        )
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
        if kind == "fidelity":
            self._fidelity(options)
            return
        options["lang"] = options["lang"] or "en"
        options["fmt"] = options["fmt"] or "pdf"
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

    def _fidelity(self, options: dict[str, Any]) -> None:
        from passerelle.briefs import fidelity
        from passerelle.briefs.fidelity.printing import lines

        fmt = options["fmt"]
        if fmt is not None and fmt not in fidelity.FORMATS:
            raise CommandError(f"fidelity reads md, pdf and docx, not {fmt}")
        binder = options["binder"]
        if binder is None:
            found = fidelity.binder_path()
            if found is None:
                raise CommandError(
                    "the binder is not here (../shared/ beside the project): give --binder FILE"
                )
            binder = found.path
            if found.checksum_matches is False:
                self.stderr.write(
                    f"{binder} differs from the file the reference data was read from "
                    "(checksum in data/reference/sources.yaml)"
                )
        elif not binder.is_file():
            raise CommandError(f"no file {binder}")
        user = self._reader(options.get("user"))
        report = fidelity.fidelity(
            user=user,
            binder=binder,
            languages=[options["lang"]] if options["lang"] else fidelity.LANGUAGES,
            formats=[fmt] if fmt else fidelity.FORMATS,
        )
        self.stdout.write(f"{binder} against the Fundamental Brief as {user.username} sees it")
        for line in lines(report, present=options["verbosity"] >= 2):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"the brief misses {len(report.missing)} of the binder's checks")

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
