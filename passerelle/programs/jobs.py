"""The program's background job: an IATI activity file or a quarter's proactive disclosure,
imported from the publications page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelle.core import jobs
from passerelle.core.models import Job

INPUT = "upload"


def run(job: Job) -> jobs.Outcome:
    from passerelle.programs.disclosure.export import DisclosureError
    from passerelle.programs.disclosure.imports import import_quarter
    from passerelle.programs.iati.imports import import_activities
    from passerelle.programs.iati.schema import IATIError

    if not job.started_by.has_perm("programs.add_project"):
        raise PermissionDenied(_("Your role does not record the program's projects."))
    document = (job.folder / INPUT).read_bytes()
    name = str(job.params.get("file_name") or "")
    url = reverse("programs:publications")
    try:
        if job.params["kind"] == "iati":
            report = import_activities(document, file=name)
            result = {"summary": f"{report.created} + {report.updated}"}
        else:
            found = import_quarter(
                document, envelope=job.params.get("envelope") or "core", file=name
            )
            result = {"summary": f"{found.projects} + {found.amendments}", "nil": found.nil}
    except (IATIError, DisclosureError) as error:
        errors = [
            e.as_dict() if hasattr(e, "as_dict") else {"reason": str(e)} for e in error.errors
        ]
        return jobs.Outcome(ok=False, errors=errors or [{"reason": str(error)}])
    return jobs.Outcome(result=result, url=url)


IMPORT = jobs.register(
    "programs.import",
    label=_("Program import"),
    run=run,
    result_template="programs/job_result.html",
)
