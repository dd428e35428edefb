"""Filters of the indicators API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.indicators.models import Indicator, Observation


class IndicatorFilterSet(filters.FilterSet):
    publisher = filters.CharFilter(label=_("Publisher"), lookup_expr="iexact")

    class Meta:
        model = Indicator
        fields = ["publisher", "unit"]


class ObservationFilterSet(filters.FilterSet):
    """`indicator` (code), `geography` (ISO alpha-3 or aggregate code), `period`, `breakdown`,
    `total` (true: the totals only, without breakdown; false: the breakdowns only) and
    `superseded` (false by default: the current releases only)."""

    indicator = filters.CharFilter(label=_("Indicator code"), field_name="indicator__code")
    geography = filters.CharFilter(label=_("Geography"), method="filter_geography")
    period = filters.CharFilter(label=_("Period"))
    breakdown = filters.CharFilter(label=_("Breakdown"))
    total = filters.BooleanFilter(
        label=_("Totals only"),
        method="filter_total",
        help_text=_(
            "true: only the totals, observations without a breakdown (e.g. not by sex or age); "
            "false: only the observations broken down."
        ),
    )
    superseded = filters.BooleanFilter(label=_("Superseded"), method="filter_superseded")

    class Meta:
        model = Observation
        fields = ["indicator", "geography", "period", "breakdown", "status"]

    def filter_geography(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(geography=value.strip().upper())

    def filter_total(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(breakdown="") if value else queryset.exclude(breakdown="")

    def filter_superseded(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(superseded=value)

    @property
    def qs(self) -> QuerySet[Any]:
        queryset = super().qs
        if "superseded" not in self.data:
            queryset = queryset.filter(superseded=False)
        return queryset
