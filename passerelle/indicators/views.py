"""The indicator explorer, the import page (the generic import page), the runs (declared list
and detail) and the country panel. Every read is the
request's reader's (core/reader.py), who also counts what the page shows for its marking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from passerelle.core import jobs
from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.forms import IsoDateField
from passerelle.core.uploads import validate_upload_size
from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.core.views.imports import ObjectImportView
from passerelle.geo.models import Country
from passerelle.indicators import services
from passerelle.indicators.charts import line_chart
from passerelle.indicators.jobs import METADATA
from passerelle.indicators.models import ImportRun, Observation
from passerelle.indicators.tables import ImportRunTable

KIND_LABELS = {
    "unhcr-population": _("UNHCR population (API JSON, API-layout CSV or HDX CSV)"),
    "undesa-stock": _("UN DESA International Migrant Stock 2020 workbook"),
    "wdi": _("World Bank WDI (bulk CSV with its metadata, or API JSON)"),
    "ircc-processing-times": _("IRCC processing times JSON"),
    "ircc-study-permits": _("IRCC study permit holders by citizenship CSV"),
    "dtm": _("IOM DTM API JSON"),
}


def _geography_names(codes: list[str]) -> dict[str, str]:
    countries = Country.objects.filter(iso_alpha3__in=codes)
    return {country.iso_alpha3: country.name for country in countries}


@login_required
@permission_required("indicators.view_observation", raise_exception=True)
def explorer(request: HttpRequest) -> HttpResponse:
    """Choose an indicator, a geography and a period: the chart, its table, the CSV.
    Hand-written: an explorer of one series (a chart and its values) chosen among the current
    releases' observations, not a list of records to open."""
    indicators = list(services.indicators(request.user))
    code = request.GET.get("indicator") or (indicators[0].code if indicators else "")
    indicator = next((i for i in indicators if i.code == code), None)
    current = services.current(request.user)
    geographies: list[tuple[str, str]] = []
    observations: list[Observation] = []
    geography = request.GET.get("geography", "").upper()
    period = request.GET.get("period", "")
    if indicator is not None:
        pairs = (
            current.filter(indicator=indicator, breakdown="")
            .values_list("geography", "geography_name")
            .distinct()
            .order_by("geography")
        )
        names = _geography_names([code for code, _name in pairs])
        geographies = [(code, names.get(code, name) or code) for code, name in pairs]
        codes = [code for code, _name in geographies]
        geography = geography if geography in codes else ("WLD" if "WLD" in codes else "")
        geography = geography or (codes[0] if codes else "")
        observations = services.series(request.user, indicator=indicator.code, geography=geography)
    periods = [o.period for o in observations]
    if period:
        observations = [o for o in observations if o.period == period]
    name = dict(geographies).get(geography, geography)
    if wants_csv(request):
        return _csv(observations)
    chart = ""
    if indicator is not None and len(observations) > 1:
        chart = line_chart(
            observations,
            title=f"{indicator.name} — {name}",
            description=gettext("Line chart of the values in the table below."),
        )
    context = {
        "indicators": indicators,
        "indicator": indicator,
        "geographies": geographies,
        "geography": geography,
        "geography_name": name,
        "periods": periods,
        "period": period,
        "observations": observations,
        "chart": chart,
        "sources": list({o.source_id: o.source for o in observations}.values()),
        "query": request.GET.urlencode().replace("&format=csv", ""),
    }
    return render(request, "indicators/explorer.html", context)


def _csv(observations: list[Observation]) -> HttpResponse:
    columns: list[tuple[Any, Any]] = [
        ("indicator", _("Indicator")),
        ("geography", _("Geography")),
        ("geography_name", _("Name in the file")),
        ("period", _("Period")),
        ("value", _("Value")),
        (lambda o: o.get_status_display(), _("Status")),
        (lambda o: str(o.source), _("Source release")),
        ("retrieved", _("Retrieved")),
        ("notes", _("Notes")),
    ]
    return csv_response(observations, columns, filename="indicators")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Format"), choices=list(KIND_LABELS.items()), initial=next(iter(KIND_LABELS))
    )
    file = forms.FileField(label=_("File"), validators=[validate_upload_size])
    metadata = forms.FileField(
        label=_("WDI country metadata file (bulk CSV only)"),
        required=False,
        validators=[validate_upload_size],
    )
    release = forms.CharField(label=_("Release (when the file does not say it)"), required=False)
    retrieved = IsoDateField(label=_("Retrieved on"), required=False)


def _is_administrator(user: Any) -> bool:
    return bool(user.is_superuser or user.groups.filter(name="administrator").exists())


class UploadView(ObjectImportView):
    """Administrators upload a publisher's file (the generic import page, its run its own: a
    publisher's format, a release, the run's summary rather than a row report)."""

    form = UploadForm
    title = _("Import a file of indicators")
    template_name = "indicators/upload.html"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return _is_administrator(user) and user.has_perm("indicators.add_importrun")

    job_kind = "indicators.import"

    def start_job(self, request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
        """The publisher's file (and the WDI metadata file) kept in the job's folder and imported
        by a background job as one run, all or nothing; the job's page shows its summary."""
        upload_file = data["file"]
        name = Path(upload_file.name).name
        files = {name: upload_file}
        if data.get("metadata"):
            files[METADATA] = data["metadata"]
        job = jobs.start(
            self.job_kind,
            user=request.user,
            params={
                "kind": data["kind"],
                "file_name": name,
                "release": data.get("release") or "",
                "retrieved": data["retrieved"].isoformat() if data.get("retrieved") else None,
            },
            files=files,
            title=f"{data['kind']}: {name}",
        )
        return redirect(job)


class ImportRunListView(ObjectListView):
    """Every import run, newest first, with what it did; each run's page has its summary."""

    view_permission = True
    queryset = ImportRun.objects.select_related("source", "user")
    table = ImportRunTable
    template_name = "indicators/runs.html"
    filename = "import-runs"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_upload": UploadView().has_permission(request)}


class ImportRunDetailView(ObjectDetailView):
    """One run: the file, its release, and the lines the command printed (what was read,
    imported, skipped, kept and rejected, and why)."""

    view_permission = True
    queryset = ImportRun.objects.select_related("source", "user")
    template_name = "indicators/run_detail.html"
    context_object_name = "run"

    def extra_context(self, request: HttpRequest, run: Any) -> dict[str, Any]:
        return {"summary": services.run_summary(run)}


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country's latest figures, each with its source (geo.panels)."""
    if not request.user.has_perm("indicators.view_observation"):
        return None
    figures = services.country_figures(request.user, country.iso_alpha3)
    if not figures:
        return None
    shown = [observation for _label, observation in figures]
    return "indicators/country_panel.html", {"figures": figures, "shown": shown}
