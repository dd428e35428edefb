"""The CSV import page for engagements and follow-ups (for analysts), declared over the generic
import page (core/views/imports.py): every row written, or none and every rejected row shown with
its line, column and reason."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _

from passerelle.core.imports import ImportForm as BaseImportForm
from passerelle.core.views.imports import ObjectImportView
from passerelle.engagements import importers


class ImportForm(BaseImportForm):
    kinds = [("engagements", _("Engagements")), ("follow-ups", _("Follow-ups"))]
    kind_message = _("Choose engagements or follow-ups.")


class EngagementImportView(ObjectImportView):
    """Upload a CSV of engagements or follow-ups, optionally as a dry run."""

    importer = importers.ENGAGEMENTS
    form = ImportForm
    title = _("Import engagements or follow-ups")
    template_name = "engagements/import.html"
    permissions = ("engagements.add_engagement", "engagements.add_followup")
    job_kind = "engagements.import"


urlpatterns: list[Any] = [path("import/", EngagementImportView.as_view(), name="import")]
