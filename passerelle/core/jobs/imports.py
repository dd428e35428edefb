"""CSV imports (core/importing) as jobs: one registration per app, and the upload page's start.

The uploaded file is kept in the job's folder; the worker runs the app's `import_csv` on it as
the user who uploaded it, all or nothing, reporting its rows as it writes them; the job's page
shows the import's report (core/imports/report.html), every rejected value with its line and
column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise

from passerelle.core.jobs.outcomes import import_outcome
from passerelle.core.jobs.registry import JobKind, Outcome, register
from passerelle.core.jobs.runner import start
from passerelle.core.models.jobs import Job

INPUT = "upload.csv"


def register_csv_import(
    name: str, *, label: str | Promise, import_csv: Callable[..., Any]
) -> JobKind:
    """Register the job that runs `import_csv(kind, file, user=…, dry_run=…)` on an upload."""

    def run(job: Job) -> Outcome:
        dry_run = bool(job.params.get("dry_run"))
        try:
            with open(job.folder / INPUT, "rb") as file:
                report = import_csv(job.params["kind"], file, user=job.started_by, dry_run=dry_run)
        except PermissionDenied as denied:
            return Outcome(ok=False, error=str(denied))
        return import_outcome(report, dry_run=dry_run)

    return register(name, label=label, run=run, result_template="core/jobs/import_result.html")


def start_import(request: HttpRequest, data: dict[str, Any], job_kind: str) -> HttpResponse:
    """The upload form's cleaned `data` (kind, file, dry run) queued as the import job
    `job_kind`, and the user sent to the job's page (core/views/imports.py `ObjectImportView`
    calls it for a page that names a `job_kind`)."""
    upload = data["file"]
    job = start(
        job_kind,
        user=request.user,
        params={"kind": data["kind"], "dry_run": bool(data.get("dry_run"))},
        files={INPUT: upload},
        title=f"{data['kind']}: {upload.name}",
    )
    return redirect(job)
