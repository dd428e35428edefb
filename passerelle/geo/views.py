"""Country pages: the searchable list and one page per country."""

from collections.abc import Iterable
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from passerelle.core.marking import page_marking
from passerelle.core.text import fold
from passerelle.geo.filters import CountryFilterSet
from passerelle.geo.models import Country, CountryGroup, Region
from passerelle.geo.panels import render_country_panels

_Named = TypeVar("_Named", Country, Region)


def _by_name(records: Iterable[_Named]) -> list[_Named]:
    """Sorted by name in the active language, ignoring accents ("États-Unis" among the E)."""
    return sorted(records, key=lambda record: fold(record.name))


@login_required
def country_list(request: HttpRequest) -> HttpResponse:
    """Every country and territory the user may see, searchable by name or code and filterable
    by group and M49 region."""
    countries = Country.objects.restrict(request.user, "view")
    filterset = CountryFilterSet(request.GET, queryset=countries, request=request)
    shown = filterset.qs
    groups = CountryGroup.objects.restrict(request.user, "view")
    context = {
        "countries": _by_name(shown),
        "total": countries.count(),
        "q": request.GET.get("q", ""),
        "selected_group": request.GET.get("group", ""),
        "selected_region": request.GET.get("region", ""),
        "groups": groups,
        "regions": _by_name(Region.objects.restrict(request.user, "view")),
        "errors": filterset.errors,
        **page_marking(shown, groups),
    }
    return render(request, "geo/country_list.html", context)


@login_required
def country_detail(request: HttpRequest, iso_alpha3: str) -> HttpResponse:
    """One country: its names, codes, M49 regions and the groups it belongs to. Later modules
    add their panels through `geo.panels.register_country_panel`."""
    country = get_object_or_404(
        Country.objects.restrict(request.user, "view"), iso_alpha3=iso_alpha3.upper()
    )
    regions = {
        region.code: region
        for region in Region.objects.restrict(request.user, "view").filter(
            code__in=country.region_codes
        )
    }
    groups = CountryGroup.objects.restrict(request.user, "view").filter(members=country)
    panels = render_country_panels(request, country)
    context = {
        "country": country,
        "groups": groups,
        "regions": [regions[code] for code in country.region_codes if code in regions],
        "panels": panels,
        **page_marking(country, groups, *(shown for panel in panels for shown in panel.shown)),
    }
    return render(request, "geo/country_detail.html", context)
