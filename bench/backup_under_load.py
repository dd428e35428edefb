"""A backup taken while people write, restored elsewhere to equal counts and checksums (issue 18's
"done when").

    python3 bench/backup_under_load.py [--writers 4] [--port 8107]

Starts the server as `make run` serves it (bench/load.py) on a fresh PostgreSQL database, then
`--writers` threads write through the API without pause (each: create a source, change a forum)
while `passerelle backup` runs. The backup is then restored into a second, empty database and
data directory with `passerelle restore --yes`, which compares every table's row count and every
store file's checksum with the manifest and fails on any difference. Prints the writes made
before, during and after the backup, the manifest's count of sources against the live counts at
the backup's start and end, and the restore's verdict.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load
import races

PASSERELLE = str(load.PROJECT / ".venv/bin/passerelle")


class Writers:
    """Threads writing through the API until stopped; counts the writes that were saved."""

    def __init__(self, base: str, token: str, count: int) -> None:
        self.base, self.headers = base, {"Authorization": f"Token {token}"}
        self.saved, self.refused = 0, Counter[str]()
        self.lock, self.stop = threading.Lock(), threading.Event()
        forums = requests.get(f"{base}/api/v1/partners/forums/", headers=self.headers, timeout=30)
        self.forum = f"{base}/api/v1/partners/forums/{forums.json()['results'][0]['slug']}/"
        self.threads = [threading.Thread(target=self.write, args=(n,)) for n in range(count)]

    def write(self, writer: int) -> None:
        number = 0
        while not self.stop.is_set():
            number += 1
            source = {
                "key": f"load-{writer}-{number}",
                "publisher_en": "Bench",
                "publisher_fr": "Banc d’essai",
                "title_en": f"Written during a backup {writer}-{number}",
                "title_fr": f"Écrit pendant une sauvegarde {writer}-{number}",
                "classification": 0,
            }
            answers = [
                requests.post(
                    f"{self.base}/api/v1/core/sources/", json=source, headers=self.headers,
                    timeout=60,
                ),
                requests.patch(
                    self.forum, json={"acronym_fr": f"W{writer}-{number}"},
                    headers={**self.headers, "If-Match": "*"}, timeout=60,
                ),
            ]  # fmt: skip
            with self.lock:
                for answer in answers:
                    if answer.ok:
                        self.saved += 1
                    else:  # 412: another writer changed the forum while this one saved it
                        self.refused[f"{answer.request.method} {answer.status_code}"] += 1

    def count(self) -> int:
        with self.lock:
            return self.saved


def sources(env: dict[str, str]) -> int:
    result = subprocess.run(
        [PASSERELLE, "shell", "-c",
         "from passerelle.core.models import Source; print(Source.objects.count())"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/passerelle-backupload"))  # noqa: S108
    args = parser.parse_args()
    restored = args.data_dir.with_name(args.data_dir.name + "-restored")
    shutil.rmtree(restored, ignore_errors=True)
    env, server = load.scratch_instance(args.data_dir, args.port, database="passerelle_backupload")
    try:
        token, _viewer, _session = races.accounts(env)
        writers = Writers(f"http://127.0.0.1:{args.port}", token, args.writers)
        for thread in writers.threads:
            thread.start()
        time.sleep(3)
        before_writes, before_sources = writers.count(), sources(env)
        started = time.perf_counter()
        backup = subprocess.run(
            [PASSERELLE, "backup", "--output", str(args.data_dir / "backups")],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        after_writes, after_sources = writers.count(), sources(env)
        time.sleep(2)
        writers.stop.set()
        for thread in writers.threads:
            thread.join()
    finally:
        load.stop_server(server)
    (folder,) = (args.data_dir / "backups").glob("passerelle-backup-*")
    manifest = json.loads((folder / "manifest.json").read_text())
    restored.mkdir(parents=True)
    shutil.copy(args.data_dir / "secret_key", restored / "secret_key")
    target = {**env, "PASSERELLE_DATA_DIR": str(restored)}
    target["DATABASE_URL"] = load.fresh_database("passerelle_backupload_restored")
    restore = subprocess.run(
        [PASSERELLE, "restore", str(folder), "--yes"],
        env=target, capture_output=True, text=True, check=False,
    )  # fmt: skip
    counts = manifest["tables"]
    print(json.dumps({
        "backup seconds": round(seconds, 2),
        "writes saved before the backup": before_writes,
        "writes saved during the backup": after_writes - before_writes,
        "writes saved in all": writers.count(), "writes refused": dict(writers.refused),
        "sources live at the start / in the manifest / live at the end": [
            before_sources, counts.get("core_source"), after_sources],
        "tables in the manifest": len(counts),
        "backup said": backup.stdout.strip().splitlines()[-1:],
        "restore exit": restore.returncode,
        "restore said": (restore.stdout + restore.stderr).strip().splitlines()[-3:],
    }, indent=1, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
