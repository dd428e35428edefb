"""The store page (administrators): ingest a file of application records and build the metric
cube, each as a background job; and the latest of those jobs. A form page of its own: it starts
jobs rather than editing a record, so no generic view fits."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from passerelle.core import jobs
from passerelle.core.forms import error_links
from passerelle.core.models import Job
from passerelle.core.uploads import validate_upload_size

PERMISSION = "operations.change_irritantsignal"  # administrators keep the store


class IngestForm(forms.Form):
    file = forms.FileField(
        label=_("File of application records (Parquet or CSV)"),
        widget=forms.FileInput(attrs={"accept": ".parquet,.csv"}),
        error_messages={"required": _("Choose a file to ingest.")},
        validators=[validate_upload_size],
    )
    illustrative = forms.BooleanField(label=_("The records are illustrative"), required=False)


class BuildForm(forms.Form):
    full = forms.BooleanField(label=_("Rebuild every month"), required=False)
    reindex = forms.BooleanField(
        label=_("Also recompute the roll-up index and the intake"), required=False
    )


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def store_view(request: HttpRequest) -> HttpResponse:
    """Start an ingest (with its file) or a build; the user is sent to the job's page."""
    posted = request.POST.get("action")
    ingest = IngestForm(
        request.POST if posted == "ingest" else None,
        request.FILES if posted == "ingest" else None,
    )
    build = BuildForm(request.POST if posted == "build" else None)
    if posted == "ingest" and ingest.is_valid():
        upload = ingest.cleaned_data["file"]
        name = Path(upload.name).name
        job = jobs.start(
            "operations.ingest",
            user=request.user,
            params={"file_name": name, "illustrative": ingest.cleaned_data["illustrative"]},
            files={name: upload},
            title=name,
        )
        return redirect(job)
    if posted == "build" and build.is_valid():
        job = jobs.start("operations.build", user=request.user, params=build.cleaned_data)
        return redirect(job)
    context = {
        "ingest": ingest,
        "build": build,
        "error_links": error_links(ingest) if ingest.errors else "",
        "recent": Job.objects.filter(kind__startswith="operations.").select_related("started_by")[
            :10
        ],
    }
    return render(request, "operations/store.html", context, status=400 if ingest.errors else 200)
