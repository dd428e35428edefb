"""The operations store's background jobs, started from the store page (administrators):
`ingest` a file of application records and `build` the cube — the same work as
`passerelle operations ingest|build`, each all or nothing (a new generation of the store whose
pointer is switched last), so a worker killed mid-job leaves the store as it was."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from passerelle.core import jobs
from passerelle.core.models import Job
from passerelle.core.reader import as_system

WRITING = gettext_noop("Writing the months")


def _months(months: Iterable[int]) -> Iterator[int]:
    touched = list(months)
    for number, month in enumerate(touched):
        jobs.progress(number, len(touched), WRITING)
        yield month
    jobs.progress(len(touched), len(touched), WRITING)


def run_ingest(job: Job) -> jobs.Outcome:
    from passerelle.operations import ingest

    path = job.folder / Path(job.params["file_name"]).name
    try:
        with as_system():  # as the command: every code is known, whoever uploaded the file
            result = ingest.ingest(
                path, illustrative=bool(job.params.get("illustrative")), progress=_months
            )
    except ingest.IngestError as error:
        return jobs.Outcome(
            ok=False,
            error=str(error).replace(str(path), path.name),
            errors=[{**reject.as_dict(), "file": path.name} for reject in error.rejects],
        )
    return jobs.Outcome(
        result={
            "summary": f"{result.rows:,} records ({result.replaced:,} replaced) in "
            f"{len(result.months)} month(s)",
            "rows": result.rows,
            "months": len(result.months),
        },
        url=reverse("operations:store"),
    )


def run_build(job: Job) -> jobs.Outcome:
    from passerelle.operations import build

    steps = iter(range(1, 4))

    def step(name: str) -> None:
        jobs.progress(next(steps, 3), 3, name)

    with as_system():
        result = build.build(
            full=bool(job.params.get("full")),
            reindex=bool(job.params.get("reindex")),
            progress=step,
        )
    return jobs.Outcome(
        result={
            "summary": f"{len(result.months)} month(s), {result.cube_rows:,} cube rows in "
            f"{result.seconds:.1f} s",
        },
        url=reverse("operations:overview"),
    )


INGEST = jobs.register("operations.ingest", label=_("Application records ingest"), run=run_ingest)
BUILD = jobs.register("operations.build", label=_("Metric cube build"), run=run_build)
