"""The generic bulk-import page over the import framework (core/importing): the upload form
(what the file holds, the file within the size limit, a dry run), then on the same page the
report — what was written, or nothing and every rejected value with its file, line, column and
reason (all or nothing) — or the reason the user may not write what the file holds.

    class OfficeImportView(ObjectImportView):
        importer = NETWORK                 # a core.importing Importer: its kinds and columns
        form = ImportForm                  # a core.imports.ImportForm with the app's kinds
        title = _("Import a CSV file")
        template_name = "network/import.html"   # core/object_import.html's blocks

A page that names a `job_kind` (a kind registered with core/jobs/imports.py `register_csv_import`)
queues the import as a background job and sends the user to the job's page, which shows the same
report. Otherwise `run_import` runs it in the request, and `outcome` turns what it returns into
the page's context."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from passerelle.core.forms import error_links
from passerelle.core.imports import ImportForm
from passerelle.core.querysets import permission_name


class ObjectImportView(LoginRequiredMixin, View):
    """Upload a file, optionally as a dry run, and see its report. 403 unless the user holds one
    of `permissions` (by default, adding records of one of the importer's kinds); the importer
    checks the rest (add and change on the kind's model, clearance, links) row by row."""

    importer: ClassVar[Any] = None
    form: type[forms.Form] = ImportForm
    template_name = "core/object_import.html"
    title: Any = _("Import a CSV file")
    permissions: tuple[str, ...] = ()
    refusals: tuple[type[Exception], ...] = (PermissionDenied,)  # shown as the page's refusal
    job_kind = ""  # the registered job that runs the import in the background, if any

    def has_permission(self, request: HttpRequest) -> bool:
        wanted = self.permissions or tuple(
            permission_name(kind.model, "add") for kind in self.importer.kinds.values()
        )
        return any(request.user.has_perm(name) for name in wanted)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, {"form": self.form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST, request.FILES)
        context: dict[str, Any] = {"form": form}
        if not form.is_valid():
            context["error_links"] = error_links(form)
            return self.page(request, context)
        data = form.cleaned_data
        if self.job_kind:
            return self.start_job(request, data)
        try:
            context |= self.outcome(request, self.run_import(request, data), data)
        except self.refusals as refused:
            context["denied"] = str(refused)
        return self.page(request, context)

    def run_import(self, request: HttpRequest, data: dict[str, Any]) -> Any:
        """Run the import of the form's cleaned `data`, all or nothing, and return its report
        (core.importing.report.ImportReport). The one step a background job would take over."""
        return self.importer.run(
            data["kind"], data["file"], user=request.user, dry_run=bool(data.get("dry_run"))
        )

    def start_job(self, request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
        """Queue the import as `job_kind` (the upload kept in the job's folder) and send the user
        to the job's page."""
        from passerelle.core.jobs.imports import start_import

        return start_import(request, data, self.job_kind)

    def outcome(self, request: HttpRequest, result: Any, data: dict[str, Any]) -> dict[str, Any]:
        """The page's context from what `run_import` returned."""
        return {"report": result, "dry_run": bool(data.get("dry_run"))}

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def page(self, request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        kinds = getattr(self.importer, "kinds", {})
        context = {
            "title": self.title,
            "action": request.path,
            "kinds": kinds,
            **context,
            **self.extra_context(request),
        }
        return render(request, self.template_name, context)
