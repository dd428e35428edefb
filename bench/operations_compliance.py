"""Compliance with the service standards on the 50-million-record store: from the roll-up index
when no citizenship is asked, from the records otherwise. Three runs of each, in one process (the
first pays the connection and Ibis's compilation).

    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen \
        passerelle load-reference
    PASSERELLE_DATA_DIR=/tmp/ops50m/data DEBUG=true python3 -m uv run --frozen python \
        bench/operations_compliance.py
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

from passerelle.operations.compliance import compliance  # noqa: E402
from passerelle.operations.models import ServiceStandard  # noqa: E402

CASES: tuple[tuple[str, dict[str, object]], ...] = (
    ("program", {}),
    ("office", {"year": 2024}),
    ("citizenship", {}),
    ("decision_month", {"citizenship": "IND"}),
)


def main() -> None:
    if not ServiceStandard.objects.exists():
        raise SystemExit("No service standard: run `passerelle load-reference` first.")
    for by, filters in CASES:
        times = []
        for _run in range(3):
            started = time.perf_counter()
            rows = compliance(by=by, **filters)
            times.append(time.perf_counter() - started)
        print(
            f"by {by:<15} {filters!s:<24} {len(rows):>4} rows  median "
            f"{statistics.median(times):.2f} s  (runs {', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
