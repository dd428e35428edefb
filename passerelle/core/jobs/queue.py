"""The queue (Huey): SQLite storage in the data directory in the embedded default, Redis in
production (`JOBS_REDIS_URL`), or immediate (the work runs where it is enqueued: tests).

The queue carries only a job's id; the job itself is a database record (core.models.Job). Its
storage also holds each running job's heartbeat and progress, and the cancels asked for
(core/jobs/tracking.py says why they are not in the database)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey


class Queue:
    """The Huey instance of the settings, with the one task that runs a job by its id."""

    def __init__(self, huey: Huey) -> None:
        from passerelle.core.jobs import runner

        self.huey = huey
        self.task = huey.task(name="passerelle.run_job", retries=0)(runner.execute)

    @property
    def immediate(self) -> bool:
        return bool(self.huey.immediate)

    def enqueue(self, job_id: int) -> None:
        self.task(job_id)

    # --- What the running work shares with the pages --------------------------------------------

    def beat(self, job_id: int, state: dict[str, Any]) -> None:
        self.huey.put(f"beat:{job_id}", state)

    def last_beat(self, job_id: int) -> dict[str, Any] | None:
        value = self.huey.get(f"beat:{job_id}", peek=True)
        return value if isinstance(value, dict) else None

    def forget(self, job_id: int) -> None:
        for key in (f"beat:{job_id}", f"cancel:{job_id}"):
            self.huey.get(key)  # a get without peek removes the key

    def ask_cancel(self, job_id: int) -> None:
        self.huey.put(f"cancel:{job_id}", True)

    def cancel_asked(self, job_id: int) -> bool:
        return bool(self.huey.get(f"cancel:{job_id}", peek=True))

    def consumer(self, *, workers: int) -> Any:
        """Huey's consumer (threads: each runs one job at a time)."""
        return self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=False, check_worker_health=True
        )


def build_huey() -> Huey:
    """The Huey instance the settings describe."""
    name = settings.JOBS_QUEUE_NAME
    if settings.JOBS_IMMEDIATE:
        return MemoryHuey(name, immediate=True)
    if settings.JOBS_REDIS_URL:
        return RedisHuey(name, url=settings.JOBS_REDIS_URL)
    path = Path(settings.JOBS_SQLITE_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(path))


@cache
def get_queue() -> Queue:
    """The queue of the settings (made once per process; `reset()` after changing them)."""
    return Queue(build_huey())


def reset() -> None:
    get_queue.cache_clear()
