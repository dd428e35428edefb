"""The jobs' pages: my jobs (administrators: everyone's), a job's progress, result and errors,
and its cancel and run-again buttons. The list and the job's page are declared over the generic
views; the reader decides which jobs a user sees (their own: `Job.clearance_owner`) and marks
the page with the job's classification, as for any record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.core.jobs import registry, runner
from passerelle.core.jobs.tables import JobTable
from passerelle.core.models.jobs import Job
from passerelle.core.views.generic import ObjectDetailView, ObjectListView

REFRESH_SECONDS = 2


class JobListView(ObjectListView):
    queryset = Job.objects.select_related("started_by")
    table = JobTable
    template_name = "core/jobs/list.html"
    filename = "jobs"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        runner.mark_stale()
        return super().get(request, **kwargs)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"sees_all": request.user.has_perm("core.change_job")}


class JobDetailView(ObjectDetailView):
    """The job's page; asked by its own refresh script (htmx, `HX-Request`), only the part
    that changes while it runs (core/jobs/status.html)."""

    queryset = Job.objects.select_related("started_by", "retry_of")
    template_name = "core/jobs/detail.html"
    context_object_name = "job"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        runner.mark_stale()
        if request.headers.get("HX-Request"):
            self.template_name = "core/jobs/status.html"
        return super().get(request, **kwargs)

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        job = runner.live_progress(record)
        kind = registry.KINDS.get(job.kind)
        return {
            "kind_label": kind.label if kind else job.kind,
            "result_template": kind.result_template if kind else "core/jobs/result.html",
            "cancelling": runner.cancelling(job),
            "refresh": REFRESH_SECONDS if not job.is_finished else 0,
            "retries": list(job.retries.all()[:5]),
        }


def _job(request: HttpRequest, pk: int) -> Job:
    # Through the reader: another user's job is not found (404), as any record they may not see.
    return get_object_or_404(Job.objects.all(), pk=pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a queued job, or ask a running one to stop (nothing of it is written)."""
    job = _job(request, pk)
    if job.is_finished:
        messages.info(request, _("This job has already finished."))
    else:
        runner.cancel(job)
        messages.success(request, _("Cancel requested."))
    return redirect(job)


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a finished job again, with the same parameters and files, as the current user."""
    job = _job(request, pk)
    if not job.is_finished or job.status == Job.Status.SUCCEEDED:
        messages.info(request, _("Only a job that failed or was cancelled can be run again."))
        return redirect(job)
    again = runner.retry(job, user=request.user)
    return redirect(again)


@login_required
def result(request: HttpRequest, pk: int) -> FileResponse:
    """The file the job made (a brief's PDF or DOCX), marked by its own content."""
    job = _job(request, pk)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise Http404
    path = job.folder / Path(job.result_file).name
    if not path.is_file():
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)
