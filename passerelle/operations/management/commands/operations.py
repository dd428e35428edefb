"""`passerelle operations generate|ingest|build|rollup|signals|demo`: application records, the
metric cube and the irritant signals, from the command line, as the system.

Each action imports the engines it uses (Ibis, pyarrow, DuckDB: about a second), so that
`demo` with a store already there, or `--help`, does not pay for them. The actions on the records
store alone (`without_apps`) run without Django's models set up (manage.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from passerelle.core.commands import PasserelleCommand
from passerelle.operations import codes
from passerelle.operations.store import root as store_root


class Command(PasserelleCommand):
    help = (
        "Application records: generate a synthetic (illustrative) file, ingest a Parquet or CSV "
        "file (all or nothing), build the metric cube (incremental unless --full), print an "
        "exact roll-up, compute the irritant signals, or set up an illustrative demo store."
    )
    # the store's files only: no model, no database (`signals` and `demo` write records)
    without_apps = frozenset({"generate", "ingest", "build"})

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        generate = actions.add_parser("generate", help="Write a synthetic file (illustrative).")
        generate.add_argument("--rows", type=int, required=True, help="How many records.")
        generate.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        generate.add_argument("--output", type=Path, required=True, help=".parquet or .csv")
        load = actions.add_parser("ingest", help="Validate and store a file of records.")
        load.add_argument("file", type=Path)
        load.add_argument(
            "--illustrative", action="store_true", help="Mark the records as illustrative."
        )
        make = actions.add_parser("build", help="Build the cube (only touched months if built).")
        make.add_argument("--full", action="store_true", help="Rebuild every month.")
        make.add_argument(
            "--reindex",
            action="store_true",
            help="Also recompute the roll-up index and the intake from every record.",
        )
        roll = actions.add_parser("rollup", help="Exact metrics of one slice.")
        roll.add_argument("--citizenship", help="ISO alpha-3, e.g. IND.")
        roll.add_argument("--office", help="Office code, e.g. new-delhi.")
        roll.add_argument("--program", choices=sorted(codes.PROGRAMS))
        roll.add_argument("--year", type=int, help="Decision year.")
        roll.add_argument("--month", type=int, choices=range(1, 13), help="Decision month.")
        roll.add_argument("--json", action="store_true", help="Print JSON.")
        actions.add_parser("signals", help="Recompute the irritant signals from the cube.")
        actions.add_parser(
            "check",
            help="Check the records, the roll-up index, the intake and the cube against each "
            "other (reads every record).",
        )
        demo = actions.add_parser(
            "demo",
            help="If no record is stored: generate, ingest and build an illustrative store, "
            "and compute its signals (make run does this).",
        )
        demo.add_argument("--rows", type=int, default=300_000, help="How many records.")

    def run(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"do_{action}")(**options)

    def do_generate(self, *, rows: int, seed: int, output: Path, **_: Any) -> None:
        if rows < 1:
            raise CommandError("--rows must be at least 1.")
        from passerelle.operations import generator

        with tqdm(total=rows, unit="rows", disable=None) as bar:
            generator.generate(rows=rows, seed=seed, output=output, progress=bar.update)
        self.stdout.write(f"Wrote {rows:,} illustrative records to {output}.")

    def do_ingest(self, *, file: Path, illustrative: bool, **_: Any) -> None:
        from passerelle.operations import ingest

        def months(items: Any) -> Any:
            return tqdm(items, unit="month", desc="writing", disable=None)

        try:
            result = ingest.ingest(file, illustrative=illustrative, progress=months)
        except ingest.IngestError as error:
            lines = [str(error)] + [f"  {reject}" for reject in error.rejects]
            if error.total > len(error.rejects):
                lines.append(f"  … and {error.total - len(error.rejects)} more")
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            f"Stored {result.rows:,} records ({result.replaced:,} replaced earlier versions) "
            f"in {len(result.months)} month(s). Run `passerelle operations build`."
        )

    def do_build(self, *, full: bool, reindex: bool, **_: Any) -> None:
        from passerelle.operations import build

        with tqdm(total=3, unit="step", disable=None) as bar:

            def step(name: str) -> None:
                bar.set_description(name)
                bar.update(1)

            result = build.build(full=full, reindex=reindex, progress=step)
        kind = "Full build" if result.full else "Refresh"
        self.stdout.write(
            f"{kind}: {len(result.months)} month(s), {result.cube_rows:,} cube rows "
            f"in {result.seconds:.1f} s."
        )

    def do_rollup(self, *, json: bool = False, **options: Any) -> None:
        from passerelle.operations import analytics

        filters = {k: options[k] for k in ("citizenship", "office", "program", "year", "month")}
        try:
            result = analytics.rollup(**filters)
        except analytics.NoData as error:
            raise CommandError(str(error)) from None
        data = result.as_dict()
        if json:
            self.stdout.write(_json.dumps(data, indent=2))
        else:
            self.stdout.write("\n".join(f"{key:<14}{value}" for key, value in data.items()))

    def do_signals(self, **_: Any) -> None:
        from passerelle.operations import signals

        count = signals.refresh_signals()
        self.stdout.write(f"{count} signal(s) recorded.")

    def do_check(self, **_: Any) -> None:
        from passerelle.operations.check import check

        report = check()
        if report.problems:
            raise CommandError(
                f"The operations store ({store_root()}) is not consistent:\n"
                + "\n".join(report.problems)
            )
        self.stdout.write(
            f"The operations store is consistent: {report.records} records in {report.months} "
            "months; the roll-up index, the intake and the cube match the records."
        )

    def do_demo(self, *, rows: int, **_: Any) -> None:
        import tempfile

        from passerelle.operations import store

        if store.has_records():
            self.stdout.write(f"Records are stored in {store.records_dir()}: nothing done.")
            return
        from passerelle.operations import build, generator, ingest, signals

        with tempfile.TemporaryDirectory(prefix="passerelle-demo-") as folder:
            path = Path(folder) / "records.parquet"
            generator.generate(rows=rows, seed=7, output=path)
            ingest.ingest(path)
        build.build()
        count = signals.refresh_signals()
        self.stdout.write(
            f"Illustrative operations store: {rows:,} generated records, {count} signal(s)."
        )


_json = json
