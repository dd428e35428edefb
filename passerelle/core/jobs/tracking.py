"""How far the running job has got, and whether it was asked to stop.

Work calls `progress(done, total, phase)` where it can stop (the importers between rows, the
ingest between months); outside a job it does nothing. The figures are kept in the queue's own
storage (`Beat`), not in the database: on SQLite the work holds the database's write lock for its
whole transaction, and the page must still see the progress and the cancel must still reach the
work. A cancel asked for is seen at the next call, which raises `JobCancelled`: the work's
transaction rolls back, so nothing of it is written."""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


class JobCancelled(Exception):
    """The job's user (or an administrator) cancelled it while it ran."""


@dataclass
class Running:
    """The state of the job running in this thread."""

    job_id: int
    worker: str
    done: int = 0
    total: int = 0
    phase: str = ""
    checked: float = field(default=0.0)
    store: Any = None

    def beat(self) -> dict[str, Any]:
        return {
            "time": time.time(),
            "worker": self.worker,
            "done": self.done,
            "total": self.total,
            "phase": self.phase,
        }


_running: ContextVar[Running | None] = ContextVar("passerelle_job", default=None)
CHECK_EVERY = 0.25  # seconds between two looks for a cancel


def current() -> Running | None:
    return _running.get()


def progress(done: int, total: int | None = None, phase: str | None = None) -> None:
    """Say how far the running job has got; raise JobCancelled if it was cancelled."""
    running = _running.get()
    if running is None:
        return
    running.done = done
    if total is not None:
        running.total = total
    if phase is not None:
        running.phase = phase
    now = time.monotonic()
    if now - running.checked >= CHECK_EVERY:
        running.checked = now
        if running.store is not None and running.store.cancel_asked(running.job_id):
            raise JobCancelled
