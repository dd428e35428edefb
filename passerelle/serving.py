"""Gunicorn's settings for `make run` (`gunicorn -c python:passerelle.serving passerelle.wsgi`).

The application is loaded once, in gunicorn's master process (`preload_app`), which then
prepares the database there (`passerelle prepare --demo`: migrations, reference data and demo
sets, each only if changed since the last run, core/prepare.py) and imports the URLs, before
it starts the workers: they are forked from it with Django set up, rather than each setting
Django up, and the first request does not import every view. A separate `prepare` process would
set Django up once more (about a second) before gunicorn starts.

The database connections the master opened are closed before the workers are forked: each
worker opens its own.

The master also starts the background job worker (`passerelle jobs run-worker`, core/jobs/)
beside the web workers, and stops it when it exits: Ctrl-C reaches both (one process group), and
should the master die without its exit hook, the job worker is sent SIGTERM by the kernel
(PR_SET_PDEATHSIG). A job the worker was running when stopped is written all or nothing, and is
marked failed, to be run again, by the next worker. In production the worker runs as a service of
its own (docs/jobs.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

preload_app = True
# gunicorn refuses a request line over 4,094 bytes with its own bare English page; 0 lifts that
# limit (it still stops at 1 MB) so that Passerelle answers a too-long address with its own
# bilingual 414 (web/errors.py). gunicorn.conf.py, for production, takes it from here.
limit_request_line = 0
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections
# among them. On one shared socket the first worker to wake accepts a burst of them: with
# keep-alive (browsers, wrk) one worker could hold most connections while the other idled
# (measured: throughput halved for whole runs, the machine 45% idle; docs/performance.md).
reuse_port = True


def on_starting(server: Any) -> None:
    from django.core.management import call_command
    from django.db import connections
    from django.urls import get_resolver

    call_command("prepare", demo=True)
    connections.close_all()
    get_resolver().url_patterns  # noqa: B018 (imports every view once, for every worker)
    _start_job_worker(server)


_job_worker: subprocess.Popen[bytes] | None = None


def _die_with_parent() -> None:  # pragma: no cover (runs in the child, before exec)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _start_job_worker(server: Any) -> None:
    global _job_worker
    from django.conf import settings

    if settings.JOBS_IMMEDIATE:
        return
    command = [sys.executable, "-m", "passerelle.manage", "jobs", "run-worker"]
    _job_worker = subprocess.Popen(  # noqa: S603 (our own command)
        command, env=os.environ.copy(), preexec_fn=_die_with_parent
    )
    server.log.info("Started the job worker (pid %s)", _job_worker.pid)


def on_exit(server: Any) -> None:
    if _job_worker is None or _job_worker.poll() is not None:
        return
    _job_worker.terminate()
    try:
        _job_worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _job_worker.kill()
    server.log.info("Stopped the job worker")
