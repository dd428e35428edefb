"""One month's incremental refresh on the 50-million-record store (goal: within 1 s): a file of
new records all decided in the latest month is ingested (timed apart: it rewrites that month's
records and roll-up index), then `build()` recomputes only the months it touched (timed: the
refresh). Repeated, medians reported.

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen python \
        bench/operations_refresh.py --runs 5 --rows 20000
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from passerelle.operations import build, generator, store  # noqa: E402
from passerelle.operations.ingest import ingest  # noqa: E402


def month_file(path: Path, *, rows: int, run: int, decided_on: date) -> None:
    """`rows` new records (fresh ids) decided in the month of `decided_on`."""
    params = generator.Parameters(seed=7)
    table = generator.generate_chunk(
        params, rows=rows, first_id=900_000_000 + run * rows, seed=1000 + run, chunk=0
    )
    table = table.filter(pc.not_equal(table["decision"].cast(pa.string()), "pending"))
    days = pc.days_between(table["received_date"], table["decision_date"]).to_pylist()
    decided = [decided_on - timedelta(days=run % 5) for _ in days]
    received = [d - timedelta(days=n) for d, n in zip(decided, days, strict=True)]
    table = table.set_column(5, "received_date", pa.array(received, pa.date32()))
    table = table.set_column(6, "decision_date", pa.array(decided, pa.date32()))
    pq.write_table(table, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    if not store.has_cube():
        raise SystemExit("Build the cube first (bench/operations_cube.py or operations build).")
    times, ingests, months = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            path = Path(folder) / f"month-{run}.parquet"
            month_file(path, rows=args.rows, run=run, decided_on=date(2025, 12, 28))
            started = time.perf_counter()
            ingest(path)
            ingests.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = build.build()
            times.append(time.perf_counter() - started)
            months.append(result.months)
    print(f"records: {store.records_dir()}")
    print(f"refresh of {args.rows:,}-row files, months touched: {months[0]}")
    print(
        f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"ingest of each file (not part of the refresh): median {statistics.median(ingests):.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in ingests)})"
    )


if __name__ == "__main__":
    main()
