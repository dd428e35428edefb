"""The CSV import page for engagements and follow-ups (for analysts): every row written, or none
and every rejected row shown with its line, column and reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from passerelle.core.imports import import_context
from passerelle.core.jobs.imports import start_import
from passerelle.core.uploads import validate_upload_size
from passerelle.engagements import importers

IMPORT_PERMISSIONS = ("engagements.add_engagement", "engagements.add_followup")


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("engagements", _("Engagements")), ("follow-ups", _("Follow-ups"))],
        initial="engagements",
        error_messages={"invalid_choice": _("Choose engagements or follow-ups.")},
    )
    file = forms.FileField(
        label=_("CSV file (UTF-8)"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose a CSV file to import.")},
        validators=[validate_upload_size],
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of engagements or follow-ups, optionally as a dry run: the import runs as a
    background job, whose page shows its report."""
    if not any(request.user.has_perm(p) for p in IMPORT_PERMISSIONS):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    started = start_import(request, form, "engagements.import")
    if started is not None:
        return started
    context = import_context(request, form)
    context |= {"kinds": importers.FILE_KINDS}
    return render(request, "engagements/import.html", context)


urlpatterns: list[Any] = [path("import/", import_csv, name="import")]
