"""Country pages (placeholder until the geo pages are built)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from passerelle.geo.models import Country


@login_required
def country_list(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.restrict(request.user, "view")
    return render(request, "geo/country_list.html", {"countries": countries})


@login_required
def country_detail(request: HttpRequest, iso_alpha3: str) -> HttpResponse:
    country = get_object_or_404(
        Country.objects.restrict(request.user, "view"), iso_alpha3=iso_alpha3.upper()
    )
    return render(request, "geo/country_detail.html", {"country": country})
