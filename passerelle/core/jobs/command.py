"""`passerelle jobs list|show|cancel|retry|mark-stale|run-worker`: the background jobs from the
command line, and the worker that runs them (`make run` starts one beside the web server)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from passerelle.core.jobs import registry, runner
from passerelle.core.jobs.queue import get_queue
from passerelle.core.models.jobs import Job
from passerelle.core.reader import as_system


class Command(BaseCommand):
    help = "List, show, cancel or run again background jobs; run the worker that runs them."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="The latest jobs, newest first.")
        listing.add_argument("--status", choices=Job.Status.values)
        listing.add_argument("--limit", type=int, default=20)
        show = actions.add_parser("show", help="One job: what, progress, result, errors (JSON).")
        show.add_argument("id", type=int)
        cancel = actions.add_parser("cancel", help="Cancel a queued or running job.")
        cancel.add_argument("id", type=int)
        retry = actions.add_parser("retry", help="Run a failed or cancelled job again.")
        retry.add_argument("id", type=int)
        retry.add_argument("--user", help="Run it as this user (default: who started it).")
        actions.add_parser("mark-stale", help="Mark failed the running jobs whose worker died.")
        worker = actions.add_parser("run-worker", help="Run the jobs as they are queued.")
        worker.add_argument("--workers", type=int, default=settings.JOBS_WORKERS)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        with as_system():
            getattr(self, "do_" + action.replace("-", "_"))(**options)

    def _job(self, pk: int) -> Job:
        job = Job.objects.select_related("started_by").filter(pk=pk).first()
        if job is None:
            raise CommandError(f"no job {pk}")
        return job

    def do_list(self, *, status: str | None, limit: int, **_: Any) -> None:
        runner.mark_stale()
        jobs = Job.objects.select_related("started_by")
        if status:
            jobs = jobs.filter(status=status)
        for job in jobs[:limit]:
            row = job.as_row()
            self.stdout.write(
                f"{row['id']:>6}  {row['status']:<10} {row['kind']:<22} {row['by']:<16} "
                f"{row['progress']:<12} {row['created']}"
            )

    def do_show(self, *, id: int, **_: Any) -> None:
        runner.mark_stale()
        job = runner.live_progress(self._job(id))
        shown = job.as_row() | {
            "title": job.title,
            "params": job.params,
            "done": job.done,
            "total": job.total,
            "phase": job.phase,
            "result": job.result,
            "result_file": str(job.folder / job.result_file) if job.result_file else "",
            "result_url": job.result_url,
            "error": job.error,
            "errors": job.errors,
            "classification": job.get_classification_display(),
        }
        self.stdout.write(json.dumps(shown, indent=2, ensure_ascii=False, default=str))

    def do_cancel(self, *, id: int, **_: Any) -> None:
        job = self._job(id)
        if job.is_finished:
            raise CommandError(f"job {id} has already finished ({job.status})")
        runner.cancel(job)
        self.stdout.write(f"job {id}: cancel requested")

    def do_retry(self, *, id: int, user: str | None, **_: Any) -> None:
        job = self._job(id)
        if job.status not in (Job.Status.FAILED, Job.Status.CANCELLED):
            raise CommandError(
                f"job {id} is {job.status}: only a failed or cancelled one runs again"
            )
        as_user: Any = job.started_by
        if user:
            as_user = get_user_model().objects.filter(username=user).first()
            if as_user is None:
                raise CommandError(f"no user {user!r}")
        again = runner.retry(job, user=as_user)
        self.stdout.write(f"job {id} queued again as job {again.pk}")

    def do_mark_stale(self, **_: Any) -> None:
        self.stdout.write(f"{runner.mark_stale()} job(s) marked failed")

    def do_run_worker(self, *, workers: int, **_: Any) -> None:
        queue = get_queue()
        if queue.immediate:
            raise CommandError("PASSERELLE_JOBS_IMMEDIATE is set: jobs run where they start")
        where = settings.JOBS_REDIS_URL or settings.JOBS_SQLITE_PATH
        self.stdout.write(
            f"Job worker: {workers} thread(s), queue {settings.JOBS_QUEUE_NAME!r} in {where}; "
            f"kinds: {', '.join(sorted(registry.KINDS))}"
        )
        self.stdout.flush()
        runner.mark_stale()
        queue.consumer(workers=workers).run()
