"""The real queue and a real worker process: an import started as a job is run by
`passerelle jobs run-worker`; the worker killed (SIGKILL) in the middle of the import's write
leaves nothing of it, the job is found dead and marked so, and run again it completes.

The queue is the one the settings give: SQLite storage (the embedded default) on the SQLite run,
Redis on the PostgreSQL run (`PASSERELLE_JOBS_REDIS_URL`, set by `make test-postgres`), under a
queue name of the test's own. The worker must read the test's database: on PostgreSQL it is the
test database itself; SQLite's test database lives in memory, so it is copied to a file for the
worker (SQLite's backup) and copied back to be read."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from passerelle.core import jobs
from passerelle.core.jobs.queue import get_queue, reset
from passerelle.core.models import ChangeRecord, Job
from passerelle.core.testing import make_user
from passerelle.engagements.models import Engagement
from passerelle.geo.tests.factories import make_country

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 30
HEADER = "title_en,title_fr,start_date,end_date,kind,channel,countries"
SQLITE = connection.vendor == "sqlite"


def engagements_csv() -> bytes:
    lines = [HEADER] + [
        f"Dialogue {n},Dialogue {n},2024-03-01,,meeting,bilateral,XMX" for n in range(ROWS)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def queue_folder(tmp_path: Path) -> Iterator[Path]:
    """The real queue (not immediate), under a name of this test's, its files in tmp_path."""
    with override_settings(
        JOBS_IMMEDIATE=False,
        JOBS_SQLITE_PATH=tmp_path / "jobs-queue.sqlite3",
        JOBS_DIR=tmp_path / "jobs",
        JOBS_QUEUE_NAME=f"test-{uuid.uuid4().hex[:12]}",
        JOBS_STALE_AFTER=1,
    ):
        reset()
        yield tmp_path
        get_queue().huey.flush()
    reset()


def _database_url(folder: Path) -> str:
    if SQLITE:
        return f"sqlite:///{folder / 'db.sqlite3'}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _to_worker(folder: Path) -> None:
    """SQLite: the test database, as it is now, in the file the worker reads."""
    if SQLITE:
        connection.ensure_connection()
        target = sqlite3.connect(folder / "db.sqlite3")
        connection.connection.backup(target)
        target.close()


def _from_worker(folder: Path) -> None:
    """SQLite: the test database replaced by what the worker left in its file."""
    if SQLITE:
        source = sqlite3.connect(folder / "db.sqlite3")
        source.backup(connection.connection)
        source.close()


def _worker(folder: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(folder),
        "PASSERELLE_DATA_DIR": str(folder),
        "PASSERELLE_JOBS_QUEUE": settings.JOBS_QUEUE_NAME,
        "PASSERELLE_JOBS_IMMEDIATE": "false",
        "PASSERELLE_JOBS_STALE_AFTER": "1",
        "SECRET_KEY": "test-worker",
    }
    command = [sys.executable, "-m", "passerelle.manage", "jobs", "run-worker"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _status(folder: Path, pk: int) -> str:
    if SQLITE:
        with sqlite3.connect(folder / "db.sqlite3") as db:
            row = db.execute("SELECT status FROM core_job WHERE id = ?", (pk,)).fetchone()
        return str(row[0])
    return Job.objects.get(pk=pk).status


def _wait(condition: Any, worker: subprocess.Popen[bytes], what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if worker.poll() is not None:
            output = worker.stdout.read().decode() if worker.stdout else ""
            raise AssertionError(f"the worker stopped before {what}:\n{output}")
        time.sleep(0.01)
    worker.kill()
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_runs_again(queue_folder) -> None:
    folder = queue_folder
    make_country(iso_alpha3="XMX", iso_alpha2="XM", name_en="Mexico", name_fr="Mexique")
    analyst = make_user(role="analyst")
    changes = ChangeRecord.objects.count()
    job = jobs.start(
        "engagements.import",
        user=analyst,
        params={"kind": "engagements", "dry_run": False},
        files={"upload.csv": _bytes(engagements_csv())},
    )
    assert Job.objects.get(pk=job.pk).status == "queued"  # queued, not run here
    redis = bool(settings.JOBS_REDIS_URL)  # make test-postgres sets it
    assert type(get_queue().huey).__name__ == ("RedisHuey" if redis else "SqliteHuey")
    _to_worker(folder)

    worker = _worker(folder)
    try:
        queue = get_queue()

        def writing() -> bool:
            beat = queue.last_beat(job.pk)
            return bool(beat and 0 < beat["done"] < beat["total"])

        _wait(writing, worker, "the import's write")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    finally:
        worker.kill()

    _from_worker(folder)
    assert Job.objects.get(pk=job.pk).status == "running"  # as its worker left it
    assert not Engagement.objects.exists()  # nothing half-written
    assert ChangeRecord.objects.count() == changes
    time.sleep(1.1)  # JOBS_STALE_AFTER: its worker has not beaten since
    assert jobs.mark_stale() == 1
    dead = Job.objects.get(pk=job.pk)
    assert dead.status == "failed" and "worker stopped" in dead.error

    again = jobs.retry(dead, user=analyst)
    assert again.retry_of == dead and (again.folder / "upload.csv").is_file()
    _to_worker(folder)
    worker = _worker(folder)
    try:
        _wait(lambda: _status(folder, again.pk) == "succeeded", worker, "the job run again")
    finally:
        worker.terminate()
        worker.wait(10)
    _from_worker(folder)
    again.refresh_from_db()
    assert again.result["created"] == ROWS and Engagement.objects.count() == ROWS
    assert again.done == ROWS == again.total


def _bytes(content: bytes) -> Any:
    return io.BytesIO(content)
