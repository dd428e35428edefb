"""How long coverage_by_country and propose_sites(k=10) take with 292 points.

    uv run python bench/network_coverage.py [--runs 5] [--points 292]

The points are gazetteer cities drawn with a fixed seed (the reference data's points need a
database; the computation only sees coordinates). Prints each run and the median; the first
propose_sites run builds the 250 km neighbourhoods, later runs reuse them (cached per process).
Results go in docs/performance-network.md.
"""

import argparse
import statistics
import time
from dataclasses import dataclass

import numpy as np

from passerelle.network import coverage


@dataclass
class Spot:
    latitude: float
    longitude: float
    country: str


def timed(label: str, runs: int, call) -> None:  # type: ignore[no-untyped-def]
    times = []
    for run in range(1, runs + 1):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
        print(f"{label} run {run}: {times[-1]:.3f} s")
    print(f"{label} median of {runs}: {statistics.median(times):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=292)
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = coverage.geonames()
    print(f"gazetteer: {len(gazetteer)} cities loaded in {time.perf_counter() - started:.3f} s")
    rng = np.random.default_rng(2026)
    chosen = rng.choice(len(gazetteer), args.points, replace=False)
    spots = [
        Spot(gazetteer.latitudes[i], gazetteer.longitudes[i], str(gazetteer.country_codes[i]))
        for i in chosen
    ]
    points = coverage.Points.from_records(spots, country_code=lambda spot: spot.country)
    timed("coverage_by_country", args.runs, lambda: coverage.coverage_by_country(points))
    timed("propose_sites(k=10)", args.runs, lambda: coverage.propose_sites(points, k=10))


if __name__ == "__main__":
    main()
