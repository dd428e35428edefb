"""The ingest at scale, whole processes side by side in one run (issue 19): `passerelle
operations ingest FILE` into an empty store, as a user runs it, against DuckDB writing the same
file to month partitions with one `COPY … PARTITION_BY`, plain and sorting each month as the store
does (citizenship, office, program, application_id). Each runs as its own process, rounds
interleaved; wall time and peak resident memory (ru_maxrss, from wait4) are the process's own.

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen \
        passerelle operations generate --rows 50000000 --seed 7 --output /tmp/ops50m/records.parquet
    python3 -m uv run --frozen python bench/operations_ingest.py /tmp/ops50m/records.parquet \
        --work /tmp/ops50m/bench --rounds 3

The ingest does more than the COPY: it validates every row (codes, dates, duplicate ids), writes
each month's roll-up index and the intake's delta, and swaps the months in as a new generation.
After the last round the bench checks that the store is exact: the roll-up index equals the
histograms recomputed from the stored records, and the store holds every record of the file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wholeprocess

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
MONTH = "coalesce(year(decision_date) * 100 + month(decision_date), 0)::INTEGER"
SORT = "decision_month, citizenship, office, program, application_id"


def copy_script(source: Path, target: Path, *, sort: bool) -> str:
    order = f" ORDER BY {SORT}" if sort else ""
    return (
        "import duckdb\n"  # noqa: S608 - the bench's own paths
        "con = duckdb.connect()\n"
        "con.execute(\"SET memory_limit = '2GB'\")\n"
        f'con.execute("COPY (SELECT *, {MONTH} AS decision_month '
        f"FROM read_parquet('{source}'){order}) TO '{target}' "
        f"(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (decision_month), "
        f'ROW_GROUP_SIZE 65536)")\n'
    )


def commands(source: Path, work: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    env = dict(os.environ, DEBUG="true", PASSERELLE_DATA_DIR=str(work / "passerelle"))
    python = str(VENV / "python")
    return {
        "copy_plain": ([python, "-c", copy_script(source, work / "plain", sort=False)], env),
        "copy_sorted": ([python, "-c", copy_script(source, work / "sorted", sort=True)], env),
        "passerelle": ([str(VENV / "passerelle"), "operations", "ingest", str(source)], env),
    }


def clear(work: Path, name: str) -> None:
    """The case writes into an empty place; Passerelle's data directory keeps its cache (the
    compiled SQL, compiled.py), as a user's does after the first ingest."""
    shutil.rmtree(work / ("passerelle/operations" if name == "passerelle" else name.split("_")[1]),
                  ignore_errors=True)  # fmt: skip


def check_exact(source: Path, work: Path) -> None:
    """The store after the last round: every record of the file, and a roll-up index equal to
    the one recomputed from the stored records."""
    os.environ.update(DEBUG="true", PASSERELLE_DATA_DIR=str(work / "passerelle"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import duckdb

    from passerelle.operations import index, store

    con = duckdb.connect()
    (stored,) = con.execute(
        f"SELECT count(*) FROM read_parquet('{store.glob(store.records_dir())}')"  # noqa: S608
    ).fetchone()
    (given,) = con.execute(f"SELECT count(*) FROM read_parquet('{source}')").fetchone()  # noqa: S608
    months = store.months_in(store.days_dir())

    def read(path: Path) -> str:  # the file's columns only, not the month from its folder
        return f"read_parquet('{path}', hive_partitioning = false)"

    for month in months:
        held = store.partition_file(store.days_dir(), month)
        fresh = work / "index-check.parquet"
        index.write(con, store.partition_file(store.records_dir(), month), fresh)
        only_held = f"SELECT * FROM {read(held)} EXCEPT ALL SELECT * FROM {read(fresh)}"  # noqa: S608
        only_fresh = f"SELECT * FROM {read(fresh)} EXCEPT ALL SELECT * FROM {read(held)}"  # noqa: S608
        (different,) = con.execute(
            f"SELECT count(*) FROM (({only_held}) UNION ALL ({only_fresh}))"  # noqa: S608
        ).fetchone()
        if different:
            raise SystemExit(f"month {month}: the held index differs from a recomputation")
    print(f"exact: {stored:,} records stored of {given:,}; index of {len(months)} months equal")
    if stored != given:
        raise SystemExit("records lost or duplicated")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ops-ingest-bench"))  # noqa: S108
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="run these cases only")
    parser.add_argument("--check-only", action="store_true", help="check the last run's store")
    args = parser.parse_args()
    if args.check_only:
        check_exact(args.source.resolve(), args.work)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    cases = commands(args.source.resolve(), args.work)
    if args.only:
        cases = {name: cases[name] for name in args.only}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for round_ in range(args.rounds):
        for name, (command, env) in cases.items():
            clear(args.work, name)
            seconds, peak = wholeprocess.measure(command, env)
            results[name].append((seconds, peak))
            print(f"round {round_ + 1}: {name} {seconds:.1f} s, peak {peak:.2f} GB", flush=True)
    wholeprocess.report(results, ("copy_plain", "copy_sorted"))
    if "passerelle" in cases:
        check_exact(args.source.resolve(), args.work)


if __name__ == "__main__":
    main()
