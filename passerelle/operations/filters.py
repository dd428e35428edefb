"""The irritant signals' filters, shared by their page and their API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import FilterSet, OpenChoiceFilter
from passerelle.operations.models import IrritantSignal

RAISING, IMPROVEMENTS, EVERY_TEST = "raising", "improvements", "all"
SHOWN = [
    (RAISING, _("Worth raising")),
    (IMPROVEMENTS, _("Improvements")),
    (EVERY_TEST, _("Every test")),
]


def _citizenships() -> list[tuple[str, str]]:
    from passerelle.operations.views.explorer import country_choices  # read when the form is

    return country_choices()


class IrritantSignalFilterSet(FilterSet):
    """Which signals (worth raising: significant and worse than their baseline; significant
    improvements; or every test), by citizenship (the countries the reader may see, by name),
    metric, comparison and significance."""

    shown = filters.ChoiceFilter(label=_("Signals"), choices=SHOWN, method="filter_shown")
    citizenship = OpenChoiceFilter(
        label=_("Citizenship"), choices=lambda: _citizenships(), method="filter_citizenship"
    )
    metric = filters.ChoiceFilter(label=_("Metric"), choices=IrritantSignal.Metric.choices)
    comparison = filters.ChoiceFilter(
        label=_("Comparison"), choices=IrritantSignal.Comparison.choices
    )
    significant = filters.BooleanFilter(label=_("Significant"))

    empty_labels = {
        "shown": _("Every test"),
        "citizenship": _("All countries"),
        "metric": _("Both metrics"),
        "comparison": _("Both comparisons"),
    }
    messages = {
        "shown": _("Choose which signals from the list."),
        "metric": _("Choose a metric from the list."),
        "comparison": _("Choose a comparison from the list."),
    }

    class Meta:
        model = IrritantSignal
        fields = ["shown", "citizenship", "metric", "comparison", "significant"]

    def filter_shown(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == RAISING:
            return queryset.worth_raising()  # type: ignore[attr-defined]
        if value == IMPROVEMENTS:
            return queryset.improvements()  # type: ignore[attr-defined]
        return queryset

    def filter_citizenship(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(citizenship=value.strip().upper()[:3])
