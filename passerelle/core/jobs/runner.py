"""Starting, running, cancelling and running again a job; finding those whose worker died.

A job's work is all or nothing (the importers write in one transaction, the operations store
switches a generation's pointer last), so a worker killed mid-job leaves nothing half-written;
the job stays "running" with no heartbeat, and `mark_stale()` marks it failed, saying so. It can
then be run again (`retry`): a new job with the same parameters and input files."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
import traceback
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_noop

from passerelle.core.jobs import registry
from passerelle.core.jobs.tracking import JobCancelled, Running, _running
from passerelle.core.models.jobs import Job
from passerelle.core.reader import as_system, reading_as

log = logging.getLogger(__name__)
Status = Job.Status

# Stored in English (the job's record), shown translated (gettext in the template).
INTERRUPTED = gettext_noop(
    "The worker stopped while running this job (it was stopped or the machine restarted). "
    "Nothing of it was written. Run it again."
)


def _queue() -> Any:
    from passerelle.core.jobs.queue import get_queue

    return get_queue()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# --- Starting -----------------------------------------------------------------------------------


def start(
    kind: str,
    *,
    user: Any,
    params: dict[str, Any] | None = None,
    files: Mapping[str, IO[bytes]] | None = None,
    title: str = "",
    retry_of: Job | None = None,
) -> Job:
    """Record a job of `kind` for `user`, keep its input `files` (name → file) in its folder,
    and queue it (once the caller's transaction commits)."""
    registry.get(kind)  # an unknown kind is an error here, not in the worker
    job = Job.objects.create(
        kind=kind,
        started_by=user,
        params=params or {},
        title=title[:300],
        retry_of=retry_of,
        language=(get_language() or settings.LANGUAGE_CODE)[:2],
    )
    job.folder.mkdir(parents=True, exist_ok=True)
    for name, file in (files or {}).items():
        with open(job.folder / name, "wb") as out:
            if hasattr(file, "chunks"):
                for chunk in file.chunks():
                    out.write(chunk)
            else:
                shutil.copyfileobj(file, out)
    queue = _queue()
    if queue.immediate:
        queue.enqueue(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: queue.enqueue(job.pk))
    return job


def retry(job: Job, *, user: Any) -> Job:
    """Run a finished job again: a new job with its kind, parameters and input files."""
    files = {}
    if job.folder.is_dir():
        files = {
            path.name: open(path, "rb")  # noqa: SIM115 (closed below)
            for path in job.folder.iterdir()
            if path.is_file() and path.name != job.result_file
        }
    try:
        return start(
            job.kind, user=user, params=job.params, files=files, title=job.title, retry_of=job
        )
    finally:
        for file in files.values():
            file.close()


def cancel(job: Job) -> None:
    """Cancel a queued job at once; ask a running one to stop (it stops at its next progress
    report, its transaction rolled back)."""
    if Job.objects.filter(pk=job.pk, status=Status.QUEUED).update(
        status=Status.CANCELLED, finished=timezone.now()
    ):
        return
    if job.status == Status.RUNNING:
        _queue().ask_cancel(job.pk)


def cancelling(job: Job) -> bool:
    return job.status == Status.RUNNING and _queue().cancel_asked(job.pk)


# --- Running (in the worker) --------------------------------------------------------------------


class Heartbeat(threading.Thread):
    """Writes the running job's beat (time and progress) to the queue's storage every few
    seconds, whatever the work is doing."""

    def __init__(self, running: Running, queue: Any) -> None:
        super().__init__(daemon=True, name=f"job-{running.job_id}-heartbeat")
        self.running, self.queue = running, queue
        self.stopped = threading.Event()

    def run(self) -> None:
        every = max(0.2, settings.JOBS_STALE_AFTER / 6)
        while not self.stopped.is_set():
            try:
                self.queue.beat(self.running.job_id, self.running.beat())
            except Exception:
                log.exception("job %s: heartbeat not written", self.running.job_id)
            self.stopped.wait(every)


def execute(job_id: int) -> None:
    """Run the job `job_id` (Huey's task). A job not queued any more (cancelled, or already
    run by another worker) is left as it is."""
    queue = _queue()
    if not queue.immediate:
        close_old_connections()
    try:
        _execute(job_id, queue)
    finally:
        if not queue.immediate:
            connection.close()


def _execute(job_id: int, queue: Any) -> None:
    worker = worker_name()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started=timezone.now(), worker=worker
    )
    if not claimed:
        return
    with as_system():
        job = Job.objects.select_related("started_by").get(pk=job_id)
    kind = registry.get(job.kind)
    running = Running(job_id, worker, store=queue)
    queue.beat(job_id, running.beat())
    heartbeat = Heartbeat(running, queue)
    heartbeat.start()
    token = _running.set(running)
    fields: dict[str, Any] = {}
    try:
        # In the language of who started it: the errors it reports are theirs to read.
        with reading_as(job.started_by) as reader, translation.override(job.language):
            outcome = kind.run(job)
        fields = {
            "status": Status.SUCCEEDED if outcome.ok else Status.FAILED,
            "result": outcome.result,
            "result_file": outcome.file,
            "result_url": outcome.url,
            "errors": outcome.errors,
            "error": outcome.error,
            "classification": reader.marking.level,
            "illustrative": reader.marking.illustrative,
        }
    except JobCancelled:
        fields = {"status": Status.CANCELLED}
    except Exception as error:
        log.exception("job %s (%s) failed", job_id, job.kind)
        fields = {"status": Status.FAILED, "error": f"{type(error).__name__}: {error}"}
        if settings.DEBUG:
            fields["error"] += "\n" + traceback.format_exc()
    finally:
        _running.reset(token)
        heartbeat.stopped.set()
        heartbeat.join()
    Job.objects.filter(pk=job_id).update(
        done=running.done,
        total=running.total,
        phase=running.phase,
        finished=timezone.now(),
        **fields,
    )
    queue.forget(job_id)


# --- Workers that died --------------------------------------------------------------------------


def mark_stale() -> int:
    """Mark failed every running job whose worker has not beaten for `JOBS_STALE_AFTER`
    seconds (killed, or its machine restarted); how many."""
    queue = _queue()
    limit = time.time() - settings.JOBS_STALE_AFTER
    marked = 0
    with as_system():
        running = list(Job.objects.filter(status=Status.RUNNING).values_list("pk", "started"))
    for pk, started in running:
        beat = queue.last_beat(pk)
        last = beat["time"] if beat else (started.timestamp() if started else 0)
        if last < limit:
            marked += Job.objects.filter(pk=pk, status=Status.RUNNING).update(
                status=Status.FAILED, error=INTERRUPTED, finished=timezone.now()
            )
            queue.forget(pk)
    return marked


def live_progress(job: Job) -> Job:
    """The job with the progress its worker last reported (while it runs)."""
    if job.status == Status.RUNNING:
        beat = _queue().last_beat(job.pk)
        if beat:
            job.done, job.total, job.phase = beat["done"], beat["total"], beat["phase"]
    return job
