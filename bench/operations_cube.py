"""The full cube build at scale, side by side in one run: Passerelle's build (the Ibis
definitions on DuckDB) against a hand-written DuckDB GROUP BY with quantile_cont(days,
[0.5, 0.8]) over the same Parquet, Polars and pandas computing the same cube. Each engine runs in
a child process, rounds interleaved, so the peak resident memory (ru_maxrss) is the engine's own.

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen \
        passerelle operations generate --rows 50000000 --seed 7 --output /tmp/ops50m/records.parquet
    ... passerelle operations ingest /tmp/ops50m/records.parquet
    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen python \
        bench/operations_cube.py --rounds 3 [--pandas-year 2024]

pandas (and every engine again, for its ratio) also runs on one decision year only, because
pandas on 50 million rows would need far more than the memory other engineers leave free.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

ENGINES = ("duckdb_sql", "passerelle_cube", "passerelle_build", "polars", "pandas")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
    import django

    django.setup()


def glob(year: int | None) -> str:
    from passerelle.operations import store

    base = store.records_dir()
    return str(base / (f"decision_month={year}*" if year else "decision_month=*") / "data.parquet")


# the cube as one hand-written DuckDB query over the records' glob (also operations_build.py's peer)
DUCKDB_SQL = """
    SELECT citizenship, office, program, decision_month,
      count(*) FILTER (WHERE decision IN ('approved', 'refused', 'withdrawn')) AS decided,
      count(*) FILTER (WHERE decision = 'approved') AS approved,
      count(*) FILTER (WHERE decision = 'refused') AS refused,
      count(*) FILTER (WHERE decision = 'withdrawn') AS withdrawn,
      quantile_cont(decision_date - received_date, [0.5, 0.8])
        FILTER (WHERE decision IN ('approved', 'refused')) AS quantiles
    FROM read_parquet('{glob}', hive_partitioning = true)
    WHERE decision <> 'pending'
    GROUP BY ALL
"""


def run_duckdb_sql(year: int | None) -> int:
    import duckdb

    return duckdb.sql(DUCKDB_SQL.format(glob=glob(year))).to_arrow_table().num_rows


def run_passerelle_cube(year: int | None) -> int:
    from passerelle.operations import definitions
    from passerelle.operations.build import connect

    con = connect()
    table = con.read_parquet(glob(year), hive_partitioning=True)  # type: ignore[attr-defined]
    return definitions.cube(definitions.prepare(table)).to_pyarrow().num_rows


def run_passerelle_build(year: int | None) -> int:
    """The full build as after an ingest: the cube of every month, written month by month, and
    the intake from the staged delta (the ingest wrote the roll-up index)."""
    if year:
        return run_passerelle_cube(year)  # the full build is measured on every year only
    from passerelle.operations import build

    return build.build(full=True).cube_rows


def polars_cube(records: str) -> Any:
    """The cube computed by Polars (lazy scan of the records' glob, linear quantiles); also the
    peer that operations_build.py runs as a bare script."""
    import polars as pl

    judged = pl.col("decision").is_in(["approved", "refused"])
    days = (pl.col("decision_date") - pl.col("received_date")).dt.total_days()
    return (
        pl.scan_parquet(records, hive_partitioning=True)
        .filter(pl.col("decision") != "pending")
        .with_columns(days=pl.when(judged).then(days))
        .group_by(["citizenship", "office", "program", "decision_month"])
        .agg(
            decided=pl.len(),
            approved=(pl.col("decision") == "approved").sum(),
            refused=(pl.col("decision") == "refused").sum(),
            withdrawn=(pl.col("decision") == "withdrawn").sum(),
            median_days=pl.col("days").quantile(0.5, "linear"),
            p80_days=pl.col("days").quantile(0.8, "linear"),
        )
        .collect()
    )


def run_polars(year: int | None) -> int:
    return int(polars_cube(glob(year)).height)


def run_pandas(year: int | None) -> int:
    import pyarrow.dataset as ds

    dataset = ds.dataset(glob(year).split("decision_month=")[0], partitioning="hive")
    if year:
        month = ds.field("decision_month")
        frame = dataset.to_table(filter=(month >= year * 100 + 1) & (month <= year * 100 + 12))
    else:
        frame = dataset.to_table()
    df = frame.to_pandas(date_as_object=False)
    df = df[df["decision"] != "pending"]
    judged = df["decision"].isin(["approved", "refused"])
    df["days"] = (df["decision_date"] - df["received_date"]).dt.days.where(judged)
    for name in ("approved", "refused", "withdrawn"):
        df[name] = df["decision"] == name
    keys = ["citizenship", "office", "program", "decision_month"]
    grouped = df.groupby(keys, observed=True, sort=False)
    counts = grouped.agg(
        decided=("decision", "size"),
        approved=("approved", "sum"),
        refused=("refused", "sum"),
        withdrawn=("withdrawn", "sum"),
    )
    quantiles = grouped["days"].quantile([0.5, 0.8]).unstack()
    return len(counts.join(quantiles))


def stage_intake() -> None:
    """Put the store as a first build finds it after an ingest: the intake not yet built, the
    whole of it waiting as a staged delta (the build adds the deltas). Not timed."""
    from passerelle.operations import store

    intake = store.intake_path()
    if intake.exists():
        folder = store.root() / "intake-delta"
        folder.mkdir(exist_ok=True)
        intake.replace(folder / "00000000T000000000000.parquet")


def child(engine: str, year: int | None) -> None:
    setup_django()
    # imports are not timed: each engine is measured on its computation
    import duckdb  # noqa: F401
    import ibis  # noqa: F401

    import passerelle.operations.build

    # the Ibis backend's own imports happen at its first connection (about 1 s, once per
    # process): done here so the engine's computation alone is timed
    passerelle.operations.build.connect()

    if engine == "passerelle_build" and not year:
        stage_intake()
    if engine == "polars":
        import polars  # noqa: F401
    if engine == "pandas":
        import pandas  # noqa: F401
    started = time.perf_counter()
    rows = globals()[f"run_{engine}"](year)
    print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}))


def measure(engine: str, year: int | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", engine]
    if year:
        command += ["--year", str(year)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read() if process.stdout else ""
    if status != 0:
        raise SystemExit(f"{engine} failed: {output}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_gb"] = usage.ru_maxrss / 1024 / 1024  # kilobytes on Linux
    return result


def report(title: str, results: dict[str, list[dict[str, float]]], base: str) -> None:
    print(f"\n{title}")
    medians = {e: statistics.median(r["seconds"] for r in runs) for e, runs in results.items()}
    for engine, runs in results.items():
        times = ", ".join(f"{r['seconds']:.1f}" for r in runs)
        peak = max(r["peak_gb"] for r in runs)
        print(
            f"  {engine:<17} median {medians[engine]:6.1f} s  (runs {times})  "
            f"peak RSS {peak:4.2f} GB  rows {int(runs[0]['rows']):,}  "
            f"ratio to {base}: {medians[engine] / medians[base]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pandas-year", type=int, default=2024)
    parser.add_argument("--child")
    parser.add_argument("--year", type=int)
    parser.add_argument("--skip-full", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.year)
        return
    setup_django()
    from passerelle.operations import store

    if not store.has_records():
        raise SystemExit(f"No records in {store.records_dir()}: generate and ingest first.")
    print(f"records: {store.records_dir()}")
    if not args.skip_full:
        everything = {e: [] for e in ENGINES if e != "pandas"}
        for _round in range(args.rounds):
            for engine in everything:
                everything[engine].append(measure(engine, None))
        report("Every record (all decision months)", everything, "duckdb_sql")
    subset = {e: [] for e in ENGINES if e != "passerelle_build"}
    for _round in range(args.rounds):
        for engine in subset:
            subset[engine].append(measure(engine, args.pandas_year))
    report(f"Decision year {args.pandas_year} only", subset, "duckdb_sql")


if __name__ == "__main__":
    main()
