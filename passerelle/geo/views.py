"""Country pages: the searchable list and one page per country (declared over the kernel's
generic views), and each country's history."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject

from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.geo.filters import CountryFilterSet
from passerelle.geo.models import Country, CountryGroup, Region
from passerelle.geo.panels import render_country_panels
from passerelle.geo.tables import CountryTable


class CountryListView(ObjectListView):
    """Every country and territory the reader may see, searchable by name or code and
    filterable by group and M49 region; all on one page (fewer than 300)."""

    queryset = Country.objects.all()
    table = CountryTable
    filterset = CountryFilterSet
    filter_fields = ("q", "group", "region")
    template_name = "geo/country_list.html"
    filename = "countries"
    per_page = 300
    context_object_name = "countries"


class CountryLookup:
    lookup_field = "iso_alpha3"

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        code = str(kwargs.get("iso_alpha3", "")).upper()
        found = Country.objects.filter(iso_alpha3=code).first()
        if found is None:
            raise Http404
        return found


class CountryDetailView(CountryLookup, ObjectDetailView):
    """One country: its names, codes, M49 regions and the groups it belongs to, then the panels
    the other apps register (`geo.panels.register_country_panel`)."""

    queryset = Country.objects.all()
    template_name = "geo/country_detail.html"
    context_object_name = "country"

    def extra_context(self, request: HttpRequest, country: Any) -> dict[str, Any]:
        # read when the template first asks (it keeps them until the next write: {% kept %})
        return {
            "groups": CountryGroup.objects.filter(members=country),
            "regions": SimpleLazyObject(lambda: _regions(country)),
            "panels": SimpleLazyObject(lambda: render_country_panels(request, country)),
        }


def _regions(country: Country) -> list[Region]:
    regions = {r.code: r for r in Region.objects.filter(code__in=country.region_codes)}
    return [regions[code] for code in country.region_codes if code in regions]
