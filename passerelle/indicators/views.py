"""The indicator explorer, the import page and runs, and the country panel. Every read is the
request's reader's (core/reader.py), who also counts what the page shows for its marking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from passerelle.core import jobs
from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.forms import IsoDateField, error_links
from passerelle.core.uploads import validate_upload_size
from passerelle.geo.models import Country
from passerelle.indicators import services
from passerelle.indicators.charts import line_chart
from passerelle.indicators.jobs import METADATA
from passerelle.indicators.models import ImportRun, Observation

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
    """Choose an indicator, a geography and a period: the chart, its table, the CSV."""
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


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Administrators upload a publisher's file; it is imported by a background job, whose page
    shows the run's summary."""
    if not (_is_administrator(request.user) and request.user.has_perm("indicators.add_importrun")):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and not form.is_valid():
        context["error_links"] = error_links(form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        name = Path(upload_file.name).name
        files = {name: upload_file}
        if data.get("metadata"):
            files[METADATA] = data["metadata"]
        job = jobs.start(
            "indicators.import",
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
    return render(request, "indicators/upload.html", context)


@login_required
@permission_required("indicators.view_importrun", raise_exception=True)
def runs(request: HttpRequest) -> HttpResponse:
    """Every import run, newest first, with what it did."""
    shown = ImportRun.objects.select_related("source", "user")[:100]
    context = {
        "runs": [(run, services.run_summary(run)) for run in shown],
        "can_upload": _is_administrator(request.user),
    }
    return render(request, "indicators/runs.html", context)


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country's latest figures, each with its source (geo.panels)."""
    if not request.user.has_perm("indicators.view_observation"):
        return None
    figures = services.country_figures(request.user, country.iso_alpha3)
    if not figures:
        return None
    shown = [observation for _label, observation in figures]
    return "indicators/country_panel.html", {"figures": figures, "shown": shown}
