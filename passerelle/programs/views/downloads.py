"""The program's publication page: the IATI activity and organisation files and a quarter's
proactive-disclosure CSV to download, and, for program officers, the import of an IATI activity
file or a disclosure CSV (all or nothing, every error listed). Written by hand: it shows no
record but files made from them; the files are those the commands write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from passerelle.core import jobs
from passerelle.core.imports import import_context
from passerelle.core.uploads import validate_upload_size
from passerelle.programs.disclosure.export import DisclosureError, quarter_file
from passerelle.programs.fiscal import QUARTER
from passerelle.programs.iati import export
from passerelle.programs.iati.schema import IATIError
from passerelle.programs.jobs import INPUT
from passerelle.programs.models import FundingEnvelope


class QuarterForm(forms.Form):
    quarter = forms.RegexField(
        label=_("Quarter"),
        regex=QUARTER,
        help_text=_("The fiscal year and the quarter, e.g. 2024-25-Q3."),
        error_messages={"invalid": _("Write the quarter as 2024-25-Q3.")},
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("File"),
        choices=[
            ("iati", _("IATI 2.03 activity file (XML)")),
            ("disclosure", _("Proactive disclosure of a quarter (CSV)")),
        ],
    )
    file = forms.FileField(label=_("File"), validators=[validate_upload_size])
    envelope = forms.ChoiceField(
        label=_("Funding envelope of the agreements a disclosure file creates"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        envelope: Any = self.fields["envelope"]
        envelope.choices = [(e.slug, e.name) for e in FundingEnvelope.objects.all()]


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def publications(request: HttpRequest) -> HttpResponse:
    """What the program publishes, the files to download, and the import (run as a background
    job, whose page shows what it did)."""
    quarter = QuarterForm(request.GET or None)
    context: dict[str, Any] = {"quarter_form": quarter}
    if request.GET.get("file") == "iati-activities":
        try:
            document = export.activity_file()
        except IATIError as error:
            context["problems"] = error.errors
        else:
            return _file(document, "iati-activities.xml", "application/xml")
    if request.GET.get("file") == "iati-organisation":
        try:
            return _file(export.organisation_file(), "iati-organisation.xml", "application/xml")
        except IATIError as error:
            context["problems"] = error.errors
    if request.GET.get("quarter") and quarter.is_valid():
        try:
            document, nil, illustrative = quarter_file(quarter.cleaned_data["quarter"])
        except DisclosureError as error:
            context["problems"] = error.errors
        else:
            name = f"grants-{quarter.cleaned_data['quarter']}{'-nil' if nil else ''}"
            name += "-illustrative" if illustrative else ""
            return _file(document, f"{name}.csv", "text/csv; charset=utf-8")
    can_import = request.user.has_perm("programs.add_project")
    if can_import:
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            job = jobs.start(
                "programs.import",
                user=request.user,
                params={
                    "kind": data["kind"],
                    "envelope": data.get("envelope") or "",
                    "file_name": str(data["file"].name),
                },
                files={INPUT: data["file"]},
                title=f"{data['kind']}: {data['file'].name}",
            )
            return redirect(job)
        context.update(import_context(request, form))
        context["import_form"] = context.pop("form")
    status = (
        400 if context.get("problems") or (context.get("report") or {}).get("ok") is False else 200
    )
    return render(request, "programs/publications.html", context, status=status)


urlpatterns: list[URLPattern] = [path("publication/", publications, name="publications")]
