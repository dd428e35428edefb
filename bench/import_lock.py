"""How long a large CSV import takes, how much memory it uses, and how long it holds SQLite's
write lock (while it does, every other writer — a sign-in records its session — waits, then
fails after the 20 s busy timeout).

    python3 -m uv run --frozen python bench/import_lock.py --rows 700000 --user admin

writes a network offices CSV of ROWS rows (700,000 rows: about 35 MB) to a temporary folder,
runs `passerelle network-import offices FILE --user USER` on the database of
PASSERELLE_DATA_DIR (SQLite; use a scratch data directory: a successful import keeps the rows)
and, meanwhile, tries to take the write lock every 0.2 s from another connection. It prints the
command's wall time, its peak memory, the longest stretch the lock could not be taken, and the
command's last lines (its summary, or why nothing was imported).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

COUNTRIES = ("MEX", "FRA", "IND", "PHL", "KEN", "TUR", "CHN", "GBR", "USA", "BRA")
HEADER = ("code", "name_en", "name_fr", "kind", "city_en", "city_fr", "country", "latitude",
          "longitude")  # fmt: skip


def write_offices(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            country = COUNTRIES[i % len(COUNTRIES)]
            writer.writerow([f"b{i}", f"O{i}", f"B{i}", "visa_office", "T", "V", country,
                             i % 80, i % 170])  # fmt: skip


class LockProbe(threading.Thread):
    """Tries `BEGIN IMMEDIATE` (the write lock) every `interval` seconds without waiting."""

    def __init__(self, database: Path, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.database, self.interval = database, interval
        self.stop = threading.Event()
        self.longest = 0.0
        self._since: float | None = None

    def run(self) -> None:
        connection = sqlite3.connect(self.database, timeout=0, isolation_level=None)
        while not self.stop.is_set():
            now = time.perf_counter()
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
                self._since = None
            except sqlite3.OperationalError:  # database is locked
                self._since = self._since or now
                self.longest = max(self.longest, now - self._since)
            time.sleep(self.interval)
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=700_000)
    parser.add_argument("--user", default="admin")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("PASSERELLE_DATA_DIR", "var")).resolve()
    database = data_dir / "passerelle.sqlite3"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offices.csv"
        write_offices(path, args.rows)
        size = path.stat().st_size / 1e6
        probe = LockProbe(database)
        probe.start()
        started = time.perf_counter()
        command = [str(Path(sys.executable).parent / "passerelle"), "network-import", "offices",
                   str(path), "--user", args.user, "--skip-checks"]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        probe.stop.set()
        probe.join()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"file: {args.rows:,} rows, {size:.1f} MB")
    print(f"import: {seconds:.1f} s, peak memory {peak:.0f} MB, exit {result.returncode}")
    print(f"write lock unavailable for at most {probe.longest:.1f} s")
    print("last lines:", *(result.stdout + result.stderr).strip().splitlines()[-3:], sep="\n  ")


if __name__ == "__main__":
    main()
