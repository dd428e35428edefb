"""The briefs' background job: a brief rendered as a PDF or DOCX file, started from its page.

The brief is built as the user who asked for it (core/reader.py), so the file holds only what
they may see, and the job takes the brief's classification: its page and its file are withheld
from, and marked for, readers as the brief itself would be."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from passerelle.core import jobs
from passerelle.core.models import Job

BACKGROUND_FORMATS = ("pdf", "docx")
BUILDING = gettext_noop("Building the brief")
RENDERING = gettext_noop("Rendering the file")


def run(job: Job) -> jobs.Outcome:
    from passerelle.briefs.services import build_brief, filename, render

    params = job.params
    jobs.progress(0, 2, BUILDING)
    built = build_brief(
        kind=params["kind"],
        subject=params.get("subject", ""),
        user=job.started_by,
        language=params["language"],
    )
    jobs.progress(1, 2, RENDERING)
    content = render(built, params["format"])
    name = filename(built, params["format"])
    (job.folder / name).write_bytes(content)
    jobs.progress(2, 2, RENDERING)
    return jobs.Outcome(file=name, result={"summary": built.title})


DOCUMENT = jobs.register("briefs.document", label=_("Brief document"), run=run)

ASSEMBLING = gettext_noop("Assembling and rendering the binder")


def run_binder(job: Job) -> jobs.Outcome:
    """A binder (briefs/binders) as one PDF or DOCX file, as the user who asked may see it."""
    from passerelle.briefs.binders.generate import generate
    from passerelle.briefs.models import Binder

    params = job.params
    binder = Binder.objects.get(pk=params["binder"])
    jobs.progress(0, 1, ASSEMBLING)
    made = generate(binder, params["language"], params["format"], job.started_by)
    (job.folder / made.name).write_bytes(made.content)
    jobs.progress(1, 1, ASSEMBLING)
    return jobs.Outcome(file=made.name, result={"summary": str(binder)})


BINDER = jobs.register("briefs.binder", label=_("Binder"), run=run_binder)
