"""`passerelle programs demo|export-iati|export-disclosure|import-iati|import-disclosure|
rebuild-totals`: the program's illustrative demo set and its publications, from the command
line, as the system; and the transactions' totals rebuilt after a bulk load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand


class Command(PasserelleCommand):
    help = (
        "The capacity-building program: load the illustrative demo set; export the IATI 2.03 "
        "activity (or organisation) file, validated against the schema; export a quarter's "
        "proactive-disclosure CSV; import an IATI activity file or a disclosure CSV (all or "
        "nothing, every error listed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        demo = actions.add_parser("demo", help="Load the illustrative demo set (make run does).")
        demo.add_argument("--seed", type=int, default=None)
        demo.add_argument("--count", type=int, default=None)
        iati = actions.add_parser("export-iati", help="Write the IATI activity file.")
        iati.add_argument("--output", type=Path, required=True)
        iati.add_argument(
            "--organisation", action="store_true", help="Write the organisation file instead."
        )
        disclosure = actions.add_parser("export-disclosure", help="Write a quarter's CSV.")
        disclosure.add_argument("--quarter", required=True, help="e.g. 2024-25-Q3")
        disclosure.add_argument("--output", type=Path, required=True)
        load_iati = actions.add_parser("import-iati", help="Import an IATI activity file.")
        load_iati.add_argument("file", type=Path)
        load_csv = actions.add_parser("import-disclosure", help="Import a disclosure CSV.")
        load_csv.add_argument("file", type=Path)
        load_csv.add_argument(
            "--envelope",
            default="core",
            help="The funding envelope of the agreements it creates (default core).",
        )

        actions.add_parser(
            "rebuild-totals",
            help="Rewrite the transactions' totals kept on write (after a bulk load that "
            "bypassed the models; they are otherwise kept with every save).",
        )

    def run(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, "do_" + action.replace("-", "_"))(**options)

    def do_demo(self, *, seed: int | None, count: int | None, **_: Any) -> None:
        from passerelle.programs import demo

        try:
            report = demo.load_demo(
                seed=seed if seed is not None else demo.DEFAULT_SEED,
                count=count if count is not None else demo.DEFAULT_COUNT,
            )
        except demo.DemoError as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed:
            self.stdout.write("Nothing to change: the database already holds this demo set.")

    def do_rebuild_totals(self, **_: Any) -> None:
        from passerelle.programs.rollup import computed_totals, kept_totals, rebuild_totals

        stale = kept_totals() != computed_totals()
        rows = rebuild_totals()
        state = "were stale: rewritten" if stale else "were exact: rewritten all the same"
        self.stdout.write(f"The transactions' totals {state} ({rows} rows).")

    def do_export_iati(self, *, output: Path, organisation: bool, **_: Any) -> None:
        from tqdm import tqdm

        from passerelle.programs.iati import export
        from passerelle.programs.iati.schema import IATIError

        try:
            if organisation:
                document = export.organisation_file()
            else:
                projects = list(export.published())
                with tqdm(total=len(projects), unit="activity", disable=None) as bar:
                    document = export.activity_file(projects, progress=bar.update)
        except IATIError as error:
            raise CommandError(str(error)) from None
        output.write_bytes(document)
        what = "organisation" if organisation else "activity"
        self.stdout.write(f"Wrote the IATI {what} file to {output}, valid against IATI 2.03.")
        if export.ILLUSTRATIVE.strip().encode() in document[:2000]:
            self.stdout.write("It holds illustrative records: it says so in its first comment.")

    def do_export_disclosure(self, *, quarter: str, output: Path, **_: Any) -> None:
        from passerelle.programs.disclosure.export import DisclosureError, quarter_file

        try:
            document, nil, illustrative = quarter_file(quarter)
        except DisclosureError as error:
            raise CommandError(str(error)) from None
        output.write_bytes(document)
        kind = "the nil report" if nil else "the disclosure"
        self.stdout.write(f"Wrote {kind} of {quarter} to {output}.")
        if illustrative:
            self.stdout.write("It holds illustrative records: not for publication.")

    def do_import_iati(self, *, file: Path, **_: Any) -> None:
        from tqdm import tqdm

        from passerelle.programs.iati.imports import import_activities
        from passerelle.programs.iati.schema import IATIError

        document = file.read_bytes()
        try:
            with tqdm(unit="activity", disable=None) as bar:
                report = import_activities(document, progress=bar.update, file=file.name)
        except IATIError as error:
            raise CommandError(f"{file}: {error}") from None
        self.stdout.write(f"{report.created} projects created, {report.updated} updated.")

    def do_import_disclosure(self, *, file: Path, envelope: str, **_: Any) -> None:
        from passerelle.programs.disclosure.export import DisclosureError
        from passerelle.programs.disclosure.imports import import_quarter

        try:
            report = import_quarter(file.read_bytes(), envelope=envelope, file=file.name)
        except DisclosureError as error:
            raise CommandError(f"{file}: {error}") from None
        if report.nil:
            self.stdout.write(f"A nil report ({report.nil}): nothing to import.")
            return
        self.stdout.write(
            f"{report.projects} agreements and {report.amendments} amendments imported."
        )
