"""Real `kill -9` of `passerelle import unhcr-population` at random moments (issue 18: "60 kill -9
during indicator imports left nothing partial, and a rerun completed with no duplicate").

    python3 bench/indicators_kill_drill.py [--kills 60] [--rows 139000] [--data-dir DIR]

A full-size UNHCR population table is synthesised as bench/indicators_import.py does (SYNTHETIC_,
figures not real) into a fresh data directory with its own SQLite database (`passerelle
prepare`: migrations and reference data). One uninterrupted import into a copy of that database
gives the expected counts and the time an import takes; then each round kills an import of the
same file into the drill's database at a random moment within that time and counts what the
database holds: the import runs, corridors, observations and sources must be either as before
the import (nothing) or as after the uninterrupted one (all: it committed before the kill), never
in between. An import found whole is undone (the database copied back from before any import),
so that every import the drill kills is one that writes. After the
kills, one import runs to the end: the counts must equal the
uninterrupted import's (no duplicate), and a second import of the same file must write nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import indicators_import

PROJECT = Path(__file__).resolve().parent.parent
PASSERELLE = str(PROJECT / ".venv/bin/passerelle")
TABLES = {
    "runs": "indicators_importrun",
    "corridors": "indicators_corridor",
    "observations": "indicators_observation",
    "sources": "core_source",
}


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as con:
        return {
            name: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for name, table in TABLES.items()
        }


def copy_database(source: Path, target: Path) -> None:
    """SQLite's backup API: the database in WAL mode is more than its main file."""
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)


def run_import(env: dict[str, str], table: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [PASSERELLE, "import", "unhcr-population", str(table)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--rows", type=int, default=139_000)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/indicators-kill-drill"))  # noqa: S108
    args = parser.parse_args()
    shutil.rmtree(args.data_dir, ignore_errors=True)
    drill, clean = args.data_dir / "drill", args.data_dir / "clean"
    drill.mkdir(parents=True)
    table = args.data_dir / "SYNTHETIC_unhcr_population_api_layout.csv"
    indicators_import.synthesise(indicators_import.EXCERPT, table, args.rows)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PASSERELLE_DATA_DIR=str(drill), DEBUG="true")
    subprocess.run([PASSERELLE, "prepare"], env=env, check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(drill, clean)
    database = drill / "passerelle.sqlite3"
    pristine = args.data_dir / "pristine.sqlite3"  # before any import of the file
    copy_database(database, pristine)
    started = time.perf_counter()
    subprocess.run(
        [PASSERELLE, "import", "unhcr-population", str(table)],
        env={**env, "PASSERELLE_DATA_DIR": str(clean)}, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    took = time.perf_counter() - started
    expected = counts(clean / "passerelle.sqlite3")
    print(f"uninterrupted import: {took:.1f} s, {json.dumps(expected)}", flush=True)
    before = counts(database)
    whole = {**expected, "runs": before["runs"] + 1}  # the uninterrupted import's, one run more
    partial, killed, completed = 0, 0, 0
    for kill in range(1, args.kills + 1):
        delay = random.uniform(0.2, took)
        process = run_import(env, table)
        time.sleep(delay)
        process.kill()
        status = process.wait()
        now = counts(database)
        killed += status == -9
        if now == whole:  # it committed before the kill (or finished): undone, so the next writes
            completed += 1
            copy_database(pristine, database)
        elif now != before:
            partial += 1
        state = "nothing" if now == before else "all" if now == whole else "PARTIAL"
        print(f"kill {kill} after {delay:.2f} s ({'killed' if status == -9 else 'finished'}, "
              f"{state}): {json.dumps(now)}", flush=True)  # fmt: skip
    subprocess.run(
        [PASSERELLE, "import", "unhcr-population", str(table)],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    after = counts(database)
    subprocess.run(
        [PASSERELLE, "import", "unhcr-population", str(table)],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    again = counts(database)
    same = {k: after[k] for k in ("corridors", "observations", "sources")} == {
        k: expected[k] for k in ("corridors", "observations", "sources")
    }
    print(json.dumps({
        "kills landed": killed, "imports whole (committed first)": completed,
        "partial after a kill": partial,
        "after the rerun": after, "uninterrupted": expected,
        "rerun equals uninterrupted (corridors, observations, sources)": same,
        "a second import wrote": {k: again[k] - after[k] for k in again},
    }, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
