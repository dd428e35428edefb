"""Application records for the leak fixture: a small store whose records name the fixture's
countries (citizenship) and offices, marked or not, so the operations pages, API and signals are
crawled with names the reader may not see."""

from __future__ import annotations

import csv
import itertools
from datetime import date, timedelta
from pathlib import Path

from passerelle.geo.models import Country
from passerelle.network.models import Office
from passerelle.operations.codes import COLUMNS


def build_store(folder: Path) -> None:
    """Write records naming every fixture country and office, ingest and build them, and compute
    the irritant signals (as the system, into settings.OPERATIONS_DIR)."""
    from passerelle.operations import build, ingest, signals

    countries = list(Country._base_manager.values_list("iso_alpha3", flat=True))
    offices = list(Office._base_manager.values_list("code", flat=True))
    path = folder / "records.csv"
    numbers = itertools.count(1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for month in range(24):
            received = date(2024, 1, 1) + timedelta(days=30 * month)
            for country, office in itertools.product(countries, offices):
                for decision in ("approved", "refused"):
                    decided = received + timedelta(days=20 + month)
                    writer.writerow(
                        [
                            next(numbers),
                            country,
                            country,
                            office,
                            "visitor_visa",
                            received.isoformat(),
                            decided.isoformat(),
                            decision,
                            "25-34",
                            "F",
                        ]
                    )
    ingest.ingest(path)
    build.build()
    signals.refresh_signals()
