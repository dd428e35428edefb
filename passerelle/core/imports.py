"""The upload page of an all-or-nothing CSV import (engagements, network): the form, then the
report (core/imports/report.html) or the reason the user may not write what the file holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from passerelle.core.forms import error_links


def import_context(
    request: HttpRequest, form: forms.Form, run: Callable[[dict[str, Any]], Any] | None = None
) -> dict[str, Any]:
    """The page's context: on a valid POST, `run(cleaned_data)`'s report (and whether it was a
    dry run) or, when the importer refuses the user, its reason; on an invalid POST, the links of
    the error summary. Without `run`, the page queued the import as a job (core/jobs/imports.py)
    and only shows the form."""
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return context
    if not form.is_valid():
        context["error_links"] = error_links(form)
        return context
    if run is None:
        return context
    try:
        context["report"] = run(form.cleaned_data)
        context["dry_run"] = bool(form.cleaned_data.get("dry_run"))
    except PermissionDenied as denied:
        context["denied"] = str(denied)
    return context
