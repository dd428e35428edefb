"""Coverage pages: the nearest points to a place, and coverage by country with proposed sites."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import error_links
from passerelle.geo.models import Country
from passerelle.network import gazetteer
from passerelle.network.models import BiometricCollectionPoint

SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "country": lambda row: row["name"].casefold(),
    "population": lambda row: -row["coverage"].city_population,
}
for _radius in gazetteer.DEFAULT_RADII:
    SORTS[f"share{_radius}"] = partial(lambda r, row: row["coverage"].share(r), _radius)


class NearestForm(forms.Form):
    city = forms.CharField(label=_("City"), required=False, max_length=200)
    country = forms.CharField(label=_("Country code"), required=False, max_length=3)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    k = forms.IntegerField(label=_("Number of points"), required=False, min_value=1, max_value=50)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        has_coordinates = data.get("lat") is not None and data.get("lon") is not None
        if data.get("city"):
            try:
                place = gazetteer.resolve_place(data["city"], country=data.get("country"))
            except gazetteer.PlaceNotFound:
                self.add_error("city", _("No city of that name is in the gazetteer."))
            except gazetteer.AmbiguousPlace as error:
                self.add_error("city", _("Several cities have that name: give a country code."))
                self.candidates = error.candidates[:10]
            else:
                data["place"] = place
                data["lat"], data["lon"] = place.latitude, place.longitude
        elif not has_coordinates:
            self.add_error("city", _("Enter a city, or a latitude and a longitude."))
        return data


@login_required
def nearest_page(request: HttpRequest) -> HttpResponse:
    """The points nearest to a city or to coordinates, with their great-circle distances.
    Hand-written: a computation (distances from a place), not a list of records."""
    from passerelle.network import coverage  # NumPy, imported by the page that computes

    queryset = coverage.in_service_points(
        BiometricCollectionPoint.objects.all(), as_of=date.today()
    )
    form = NearestForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        points = coverage.points_from(queryset)
        context["place"] = data.get("place")
        context["origin"] = (data["lat"], data["lon"])
        context["results"] = coverage.nearest_points(
            data["lat"], data["lon"], points=points, k=data.get("k") or 5
        )
    elif form.is_bound:
        context["error_links"] = error_links(form)
        context["candidates"] = getattr(form, "candidates", [])
    return render(request, "network/nearest.html", context)


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    """Countries without a point, the share of city population near a point, proposed sites.
    Hand-written: an analysis computed with NumPy over the points and the gazetteer."""
    from passerelle.network import coverage  # NumPy, imported by the page that computes

    queryset = coverage.in_service_points(
        BiometricCollectionPoint.objects.all(), as_of=date.today()
    )
    countries = Country.objects.all()
    points = coverage.points_from(queryset)
    cities = gazetteer.geonames()
    by_code = {country.iso_alpha2: country for country in countries}
    rows: list[dict[str, Any]] = [
        {
            "coverage": item,
            "country": by_code.get(item.country_code),
            "name": by_code[item.country_code].name
            if item.country_code in by_code
            else item.country_name,
            "shares": [round(item.share(r) * 100, 1) for r in coverage.DEFAULT_RADII],
        }
        for item in coverage.coverage_by_country(points, gazetteer=cities)
    ]
    sort = request.GET.get("sort", "share250")
    rows.sort(key=SORTS.get(sort, SORTS["share250"]))
    try:
        k = min(max(int(request.GET.get("k", 5)), 1), 20)
    except ValueError:
        k = 5
    proposals = coverage.propose_sites(points, k=k, radius_km=250, gazetteer=cities)
    without = [row for row in rows if not row["coverage"].has_point]
    context = {
        "rows": rows,
        "sort": sort if sort in SORTS else "share250",
        "radii": coverage.DEFAULT_RADII,
        "without": sorted(without, key=SORTS["country"]),
        "proposals": [
            {
                "proposal": p,
                "share": round(p.share * 100, 1),
                "country": by_code.get(p.place.country_code),
            }
            for p in proposals
        ],
        "k": k,
        "baseline": round(
            100
            * coverage.covered_population(points, radius_km=250, gazetteer=cities)
            / int(cities.populations.sum()),
            1,
        ),
        "total_population": int(cities.populations.sum()),
        "cities": len(cities),
        "point_count": len(points),
    }
    return render(request, "network/coverage.html", context)
