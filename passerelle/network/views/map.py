"""The network map page (drawn in the browser, with its table) and the same map as SVG or PNG."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from passerelle.core.text import fold
from passerelle.geo.models import Region
from passerelle.network import maps


@dataclass
class MapFilters:
    """The map's filters as read from the query string, with an error per field that was wrong."""

    as_of: date
    region: str = ""
    kinds: list[str] | None = None
    errors: dict[str, str] = field(default_factory=dict)


def read_filters(request: HttpRequest, regions: list[Region]) -> MapFilters:
    """`as_of` (YYYY-MM-DD, today by default), `region` (an M49 code), `kind` (repeated). A wrong
    value is reported and ignored, so the page still shows a map."""
    filters = MapFilters(as_of=timezone.localdate())
    raw_date = request.GET.get("as_of", "").strip()
    if raw_date:
        try:
            filters.as_of = date.fromisoformat(raw_date)
        except ValueError:
            filters.errors["as_of"] = _("Enter a date as YYYY-MM-DD, for example 2024-03-31.")
    region = request.GET.get("region", "").strip()
    if region and region not in {r.code for r in regions}:
        filters.errors["region"] = _("Choose a region from the list.")
    else:
        filters.region = region
    if "kind" in request.GET or request.GET.get("filtered"):
        known = {value for value, _label in maps.kind_choices()}
        chosen = [kind for kind in request.GET.getlist("kind") if kind]
        if any(kind not in known for kind in chosen):
            filters.errors["kind"] = _("Choose kinds from the list.")
        filters.kinds = [kind for kind in chosen if kind in known]
    return filters


def _map_title(filters: MapFilters, regions: list[Region]) -> str:
    region = next((r for r in regions if r.code == filters.region), None)
    if region:
        return _("The overseas network in %(region)s, as of %(date)s") % {
            "region": region.name,
            "date": filters.as_of.isoformat(),
        }
    return _("The overseas network, as of %(date)s") % {"date": filters.as_of.isoformat()}


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """The world map of offices and biometric collection points, drawn in the browser from data
    embedded in the page, beside a table of the same rows; filterable by region, kind and date.
    Hand-written: a map (its table is the map's text equivalent); the offices' and points' lists
    are the declared pages."""
    regions = sorted(Region.objects.all(), key=lambda r: fold(r.name))
    filters = read_filters(request, regions)
    selection = maps.select(
        request.user, as_of=filters.as_of, region=filters.region or None, kinds=filters.kinds
    )
    data = maps.features_of(selection)
    chosen = (
        set(filters.kinds) if filters.kinds is not None else {k for k, _l in maps.kind_choices()}
    )
    kind_options = [
        {"id": f"kind-{value}", "label": str(label), "value": value, "checked": value in chosen}
        for value, label in maps.kind_choices()
    ]
    features = data["features"]
    context = {
        "data": data,
        "title": _map_title(filters, regions),
        "filters": filters,
        "regions": regions,
        "kind_options": json.dumps(kind_options, ensure_ascii=False),
        "legend": [
            {"kind": value, "label": label, "colour": maps.COLOURS[value]}
            for value, label in maps.kind_choices()
        ],
        "offices": [f["properties"] for f in features if f["properties"]["layer"] == "office"],
        "points": [f["properties"] for f in features if f["properties"]["layer"] == "point"],
        "svg_query": request.GET.urlencode(),
    }
    return render(request, "network/map.html", context)


@login_required
def map_svg(request: HttpRequest) -> HttpResponse:
    """The same map rendered on the server: SVG by default, PNG with `format=png`; `lang` (en or
    fr) chooses the language of its text, the page's language otherwise."""
    language = request.GET.get("lang") if request.GET.get("lang") in ("en", "fr") else None
    language = language or get_language() or "en"
    with translation.override(language):
        regions = sorted(Region.objects.all(), key=lambda r: fold(r.name))
        filters = read_filters(request, regions)
        data = maps.map_features(
            request.user, as_of=filters.as_of, region=filters.region or None, kinds=filters.kinds
        )
        title = _map_title(filters, regions)
    if request.GET.get("format") == "png":
        png = maps.render_png(data, title=title, language=language)
        return HttpResponse(png, content_type="image/png")
    svg = maps.render_svg(data, title=title, language=language)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
