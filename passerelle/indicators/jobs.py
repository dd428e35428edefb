"""The indicators' background job: a publisher's file imported from the upload page."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from passerelle.core import jobs
from passerelle.core.models import Job
from passerelle.indicators import services
from passerelle.indicators.importers import ImportFailed, run_import

METADATA = "metadata.csv"
WRITING = gettext_noop("Writing the observations")


def _progress(total: int) -> Callable[[int], Any]:
    jobs.progress(0, total, WRITING)
    return lambda written: jobs.progress(written, total, WRITING)


def run(job: Job) -> jobs.Outcome:
    params = job.params
    metadata = job.folder / METADATA
    retrieved = params.get("retrieved")
    try:
        done = run_import(
            params["kind"],
            job.folder / Path(params["file_name"]).name,
            user=job.started_by,
            retrieved=datetime.date.fromisoformat(retrieved) if retrieved else None,
            release=params.get("release", ""),
            metadata=metadata if metadata.is_file() else None,
            progress=_progress,
        )
    except ImportFailed as failed:
        return jobs.Outcome(ok=False, error=str(failed))
    problems = done.problems or {}
    return jobs.Outcome(
        ok=done.outcome != done.Outcome.FAILED,
        result={"outcome": done.get_outcome_display(), "lines": services.run_summary(done)},
        url=reverse("indicators:run_detail", args=[done.pk]),
        errors=list(problems.get("rejected") or []),
    )


IMPORT = jobs.register(
    "indicators.import",
    label=_("Indicators import"),
    run=run,
    result_template="indicators/job_result.html",
)
