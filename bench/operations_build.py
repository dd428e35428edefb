"""The full cube build as whole processes, side by side in one run (issue 19): `passerelle
operations build --full` as a user runs it, against the same cube computed by a bare Python script
with one hand-written DuckDB query (`quantile_cont(days, [0.5, 0.8])`), and by a bare Python
script with Polars. Each peer writes its cube to a Parquet file, as the build writes its months;
the DuckDB query is also timed fetched into Python instead. Rounds are interleaved; wall time and
peak resident memory (ru_maxrss, from wait4) are the process's own, start-up included.

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen \
        passerelle operations ingest /tmp/ops50m/records.parquet
    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen python \
        bench/operations_build.py --rounds 5 [--before DIR]

Before each build the store is put as an ingest leaves it (not timed): the intake moved back to a
staged delta, which the build adds, as after the first ingest. The build's compiled SQL is in the
data directory's cache after the first build (compiled.py), as it is for a user.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wholeprocess
from operations_cube import DUCKDB_SQL

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = ROOT / ".venv" / "bin"


POLARS = """
import sys
sys.path.insert(0, {bench!r})
from operations_cube import polars_cube
polars_cube({glob!r}).write_parquet({output!r})
"""


def records_glob() -> str:
    """The current generation's records (each build makes a new generation, and removes the
    one before the previous: the peers read the current one, as the build does)."""
    from passerelle.operations import store

    if not store.has_records():
        raise SystemExit(f"No records in {store.records_dir()}: generate and ingest first.")
    return store.glob(store.records_dir())


def stage_intake() -> None:
    """The store as an ingest leaves it: the intake waiting as a staged delta."""
    from passerelle.operations import store

    intake = store.intake_path()
    if intake.exists():
        folder = store.root() / "intake-delta"
        folder.mkdir(exist_ok=True)
        intake.replace(folder / "00000000T000000000000.parquet")


def cases(glob: str, output: Path, before: Path | None = None) -> dict[str, list[str]]:
    python = str(VENV / "python")
    sql = DUCKDB_SQL.format(glob=glob)
    earlier = {}
    if before is not None:
        earlier["before"] = [str(before / ".venv/bin/passerelle"), "operations", "build", "--full"]
    return {
        **earlier,
        "duckdb_to_file": [
            python,
            "-c",
            f"import duckdb\nduckdb.sql('''COPY ({sql}) TO '{output}' (FORMAT parquet)''')",
        ],
        "duckdb_fetch": [python, "-c", f"import duckdb\nduckdb.sql('''{sql}''').fetchall()"],
        "passerelle": [str(VENV / "passerelle"), "operations", "build", "--full"],
        "polars": [python, "-c", POLARS.format(bench=str(BENCH), glob=glob, output=str(output))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="run these cases only")
    parser.add_argument(
        "--before", type=Path, help="another checkout (installed) whose build runs beside this one"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(f"records: {records_glob()}")
    names = args.only or list(cases("", Path(), args.before))
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="build-bench-") as folder:
        for round_ in range(args.rounds):
            for name in names:
                if name in ("passerelle", "before"):
                    stage_intake()
                command = cases(records_glob(), Path(folder) / "cube.parquet", args.before)[name]
                seconds, peak = wholeprocess.measure(command)
                results[name].append((seconds, peak))
                print(f"round {round_ + 1}: {name} {seconds:.2f} s, peak {peak:.2f} GB", flush=True)
    wholeprocess.report(results, ("duckdb_to_file", "duckdb_fetch"), digits=2)


if __name__ == "__main__":
    main()
