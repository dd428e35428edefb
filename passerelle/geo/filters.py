"""Filters shared by the country pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import FilterSet
from passerelle.core.text import fold
from passerelle.geo.models import Country, CountryGroup, Region


def search_countries(queryset: QuerySet[Country], text: str) -> QuerySet[Country]:
    """Countries whose English or French name contains `text` (ignoring case and accents), or
    with `text` as one of their codes (ISO alpha-2, alpha-3, numeric, M49 or UNHCR)."""
    text = text.strip()
    if not text:
        return queryset
    # Names are matched in Python: SQLite folds only ASCII case, and there are fewer than 300
    # countries, so reading their names costs less than a portable accent-insensitive query.
    wanted = fold(text)
    named = [
        pk
        for pk, name_en, name_fr in queryset.values_list("pk", "name_en", "name_fr")
        if wanted in fold(name_en) or wanted in fold(name_fr)
    ]
    code = text.upper()
    return queryset.filter(
        Q(pk__in=named)
        | Q(iso_alpha2=code)
        | Q(iso_alpha3=code)
        | Q(iso_numeric=code.zfill(3) if code.isdigit() else code)
        | Q(m49=code)
        | Q(unhcr_code=code)
    )


def in_region(queryset: QuerySet[Country], code: str) -> QuerySet[Country]:
    """Countries inside the M49 region, sub-region or intermediate region `code`."""
    code = code.strip()
    if not code:
        return queryset
    return queryset.filter(
        Q(region_m49=code) | Q(subregion_m49=code) | Q(intermediate_region_m49=code)
    )


def _visible_groups(request: HttpRequest | None) -> QuerySet[CountryGroup]:
    """Only the groups the user may see can filter, so a group above their clearance reveals
    nothing of its members."""
    user = getattr(request, "user", None)
    return CountryGroup.objects.restrict(user, "view")


def _regions() -> list[tuple[str, str]]:
    regions = sorted(Region.objects.all(), key=lambda region: fold(region.name))
    return [(region.code, f"{region.name} ({region.code})") for region in regions]


class CountryFilterSet(FilterSet):
    """`q` searches names and codes; `group` is a group slug; `region` an M49 area code."""

    q = filters.CharFilter(label=_("Search by name or code"), method="filter_q")
    hints = {"q": _("English or French name, ISO alpha-2, alpha-3 or numeric code, or UNHCR code.")}
    empty_labels = {"group": _("All groups"), "region": _("All regions")}
    messages = {
        "group": _("Choose a group from the list."),
        "region": _("Choose a region from the list."),
    }
    group = filters.ModelChoiceFilter(
        label=_("Group"),
        field_name="groups",
        to_field_name="slug",
        queryset=_visible_groups,
    )
    region = filters.ChoiceFilter(
        label=_("UN M49 region"), method="filter_region", choices=_regions
    )

    class Meta:
        model = Country
        fields = ["iso_alpha2", "iso_alpha3", "iso_numeric", "m49", "unhcr_code"]

    def filter_q(self, queryset: QuerySet[Country], name: str, value: str) -> QuerySet[Country]:
        return search_countries(queryset, value)

    def filter_region(
        self, queryset: QuerySet[Country], name: str, value: str
    ) -> QuerySet[Country]:
        return in_region(queryset, value)


class RegionFilterSet(filters.FilterSet):
    class Meta:
        model = Region
        fields = ["code", "level"]
