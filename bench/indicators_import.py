"""How long `unhcr-population` takes to import a full-size UNHCR population table.

    uv run python bench/indicators_import.py [--runs 3] [--rows 139000] [--excerpt PATH]

UNHCR's full table (about 139,000 origin → asylum rows, 1951–2025) is not in the repository; the
benchmark SYNTHESISES one in the same layout (the population API's CSV) from the real excerpt's
rows (../shared/data/real/unhcr_population_api_layout_excerpt.csv): each year 1951–2025 gets
rows whose origin and asylum are drawn from the countries the excerpt names and whose figures
are the excerpt's rows' figures, cycled. The file is written to a temporary directory, named
SYNTHETIC_…, and deleted afterwards: its figures are not real.

Each run imports it into a fresh database built by migrations (SQLite in a temporary directory,
or the PostgreSQL of DATABASE_URL, whose test database is made and dropped), in-process, and
times `run_import` (reading, deriving the totals and writing). Prints each run and the median.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = ROOT.parent / "shared" / "data" / "real" / "unhcr_population_api_layout_excerpt.csv"


def synthesise(excerpt: Path, target: Path, rows: int) -> int:
    """Write a SYNTHETIC table of about `rows` rows in the API layout; return the row count."""
    with excerpt.open(encoding="utf-8-sig", newline="") as handle:
        source = list(csv.DictReader(handle))
    places = sorted(
        {(r["coo_name"], r["coo"], r["coo_iso"]) for r in source}
        | {(r["coa_name"], r["coa"], r["coa_iso"]) for r in source}
    )
    asylum = [p for p in places if p[2] not in ("UNK", "XXA")]
    years = range(1951, 2026)
    per_year = rows // len(years) + 1
    pairs = [(o, a) for o in places for a in asylum if o[2] != a[2]]
    figures = itertools.cycle(source)
    measures = list(source[0])[7:]
    written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(list(source[0]))
        for year in years:
            for index in range(per_year):
                if written == rows:
                    break
                # distinct pairs within a year (index < len(pairs)), shifted year by year
                origin, destination = pairs[(index + year * 131) % len(pairs)]
                figure = next(figures)
                writer.writerow([year, *origin, *destination, *(figure[m] for m in measures)])
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=139_000)
    parser.add_argument("--excerpt", type=Path, default=EXCERPT)
    args = parser.parse_args()
    if not args.excerpt.is_file():
        sys.exit(f"{args.excerpt}: the real excerpt is needed to synthesise the table")
    workdir = Path(tempfile.mkdtemp(prefix="bench-indicators-"))
    os.environ.setdefault("PASSERELLE_DATA_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from passerelle.indicators.importers import run_import
    from passerelle.indicators.models import Corridor, ImportRun, Observation

    table = workdir / "SYNTHETIC_unhcr_population_api_layout.csv"
    count = synthesise(args.excerpt, table, args.rows)
    print(f"synthesised {count} rows (SYNTHETIC, not real figures) → {table.name}")
    print(f"database: {connection.vendor}")
    old = setup_databases(verbosity=0, interactive=False)
    times: list[float] = []
    cpus: list[float] = []
    try:
        for run in range(1, args.runs + 1):
            # A fresh start without the change log's per-record deletes (not what is timed).
            for model in (Observation, Corridor, ImportRun):
                model.objects.all()._raw_delete(connection.alias)  # type: ignore[attr-defined]
            started, cpu = time.perf_counter(), time.process_time()
            result = run_import("unhcr-population", table, user=None)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            print(
                f"run {run}: {times[-1]:.2f} s (CPU {cpus[-1]:.2f} s) — {result.outcome}, "
                f"{result.rows_read} rows, "
                f"{result.corridors} corridors, {result.imported} observations"
            )
        started = time.perf_counter()
        again = run_import("unhcr-population", table, user=None)
        print(
            f"re-import of the same file: {time.perf_counter() - started:.2f} s ({again.outcome})"
        )
    finally:
        teardown_databases(old, verbosity=0)
        table.unlink()
    print(
        f"median of {args.runs}: {statistics.median(times):.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU (target < 10 s)"
    )
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
