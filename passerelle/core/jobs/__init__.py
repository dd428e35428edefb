"""Long work in the background: a job queue (Huey) that needs no other server in the embedded
default (SQLite storage in the data directory) and uses Redis in production.

Adding a kind of job is one registration, in the app's `jobs.py`:

    from passerelle.core import jobs

    def run_import(job: Job) -> jobs.Outcome:
        with open(job.folder / "file.csv", "rb") as file:
            report = importers.import_csv(job.params["kind"], file, user=job.started_by)
        return jobs.import_outcome(report)

    jobs.register("engagements.import", label=_("Engagement import"), run=run_import)

and a page starts it with `jobs.start("engagements.import", user=…, params=…, files=…)`,
then sends the user to the job's page (`job.get_absolute_url()`). docs/jobs.md tells the rest.
"""

from passerelle.core.jobs.outcomes import import_outcome
from passerelle.core.jobs.registry import KINDS, JobKind, Outcome, register
from passerelle.core.jobs.runner import cancel, mark_stale, retry, start
from passerelle.core.jobs.tracking import JobCancelled, progress

__all__ = [
    "KINDS",
    "JobCancelled",
    "JobKind",
    "Outcome",
    "cancel",
    "import_outcome",
    "mark_stale",
    "progress",
    "register",
    "retry",
    "start",
]
