"""Roll-up latency on the 50-million-record store (goal: 300 ms at the 95th percentile), as a
long-running process (web server, API) answers them: one connection per thread, the SQL of a
query shape compiled once by Ibis. Each query's first answer (its shape possibly compiled) is
reported apart from the measured answers.

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen python \
        bench/operations_rollup.py --rounds 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

from passerelle.operations import analytics, codes, store  # noqa: E402

CITIZENSHIPS = ("IND", "CHN", "PHL", "NGA", "MEX", "USA", "VNM", "PAK", "FRA", "KEN", "PER", "ZWE")
OFFICES = ("new-delhi", "manila-goc", "bucharest-goc", "lagos", "mexico-city", "paris")


def queries(count: int, seed: int) -> list[dict[str, object]]:
    """A mix: a citizenship (with or without program, year, office, month), or none."""
    rng = random.Random(seed)
    found: list[dict[str, object]] = []
    programs = list(codes.PROGRAMS)
    while len(found) < count:
        query: dict[str, object] = {}
        if rng.random() < 0.7:
            query["citizenship"] = rng.choice(CITIZENSHIPS)
        if rng.random() < 0.6:
            query["program"] = rng.choice(programs)
        if rng.random() < 0.8:
            query["year"] = rng.choice((2022, 2023, 2024, 2025))
            if rng.random() < 0.2:
                query["month"] = rng.randint(1, 12)
        if rng.random() < 0.2:
            query["office"] = rng.choice(OFFICES)
        found.append(query)
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    chosen = queries(args.queries, seed=1)
    first, warm = [], []
    by_kind: dict[str, list[float]] = {"with citizenship": [], "without citizenship": []}
    for query in chosen:
        started = time.perf_counter()
        analytics.rollup(**query)
        first.append(time.perf_counter() - started)
    for _round in range(args.rounds):
        for query in chosen:
            started = time.perf_counter()
            analytics.rollup(**query)
            elapsed = time.perf_counter() - started
            warm.append(elapsed)
            kind = "with citizenship" if "citizenship" in query else "without citizenship"
            by_kind[kind].append(elapsed)
    print(f"records: {store.records_dir()}")
    print(f"{len(chosen)} roll-ups, {args.rounds} rounds ({len(warm)} answers)")
    print(
        f"  all: median {1000 * statistics.median(warm):.0f} ms, "
        f"p95 {1000 * percentile(warm, 0.95):.0f} ms, max {1000 * max(warm):.0f} ms"
    )
    for kind, values in by_kind.items():
        if values:
            print(
                f"  {kind}: median {1000 * statistics.median(values):.0f} ms, "
                f"p95 {1000 * percentile(values, 0.95):.0f} ms"
            )
    print(
        f"  first answers (shape compiled at most once): median "
        f"{1000 * statistics.median(first):.0f} ms, p95 {1000 * percentile(first, 0.95):.0f} ms"
    )


if __name__ == "__main__":
    main()
