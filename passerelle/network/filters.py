"""Filters shared by the network's pages and its API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import FilterSet, WordFilter, visible
from passerelle.geo.filters import in_region
from passerelle.geo.models import Country, Region
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)


def _regions() -> list[tuple[str, str]]:
    return [(region.code, f"{region.name} ({region.code})") for region in Region.objects.all()]


class CountryRegionFilterSet(FilterSet):
    """`country` (ISO alpha-3), `region` (an M49 area code of the country) and `q` (name, city
    or code)."""

    q = WordFilter(label=_("Search"), lookups=("code", "name_en", "name_fr", "city_en", "city_fr"))
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="country",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    region = filters.ChoiceFilter(
        label=_("UN M49 region"), method="filter_region", choices=_regions
    )
    hints = {"q": _("Name, city or code.")}
    empty_labels = {
        "country": _("All countries"),
        "region": _("All regions"),
        "area_office": _("All area offices"),
        "kind": _("All kinds"),
        "status": _("All statuses"),
    }
    messages = {
        "country": _("Choose a country from the list."),
        "region": _("Choose a region from the list."),
        "area_office": _("Choose an area office from the list."),
        "kind": _("Choose a kind from the list."),
        "status": _("Choose a status from the list."),
    }

    def filter_region(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        countries = in_region(Country.objects.all(), value)
        return queryset.filter(country__in=countries)


class OfficeFilterSet(CountryRegionFilterSet):
    area_office = filters.ModelChoiceFilter(
        label=_("Area office"),
        field_name="area_office",
        to_field_name="slug",
        queryset=visible(AreaOffice),
    )
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Office.Kind.choices)

    class Meta:
        model = Office
        fields = ["code", "kind", "area_office", "country", "illustrative", "classification"]


class PointFilterSet(CountryRegionFilterSet):
    status = filters.ChoiceFilter(
        label=_("Status"), choices=BiometricCollectionPoint.Status.choices
    )

    class Meta:
        model = BiometricCollectionPoint
        fields = ["code", "status", "country", "operator", "illustrative", "classification"]


class StaffingFilterSet(filters.FilterSet):
    office = filters.ModelChoiceFilter(
        label=_("Office"), field_name="office", to_field_name="code", queryset=visible(Office)
    )
    as_of_after = filters.DateFilter(label=_("As of, from"), field_name="as_of", lookup_expr="gte")
    as_of_before = filters.DateFilter(label=_("As of, to"), field_name="as_of", lookup_expr="lte")

    class Meta:
        model = StaffingSnapshot
        fields = ["office", "as_of"]


class JurisdictionFilterSet(filters.FilterSet):
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="country",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    office = filters.ModelChoiceFilter(
        label=_("Office"), field_name="office", to_field_name="code", queryset=visible(Office)
    )
    area_office = filters.ModelChoiceFilter(
        label=_("Area office"),
        field_name="office__area_office",
        to_field_name="slug",
        queryset=visible(AreaOffice),
    )

    class Meta:
        model = Jurisdiction
        fields = ["country", "office", "area_office"]
