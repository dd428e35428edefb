"""Filters shared by the pathways' pages and their API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import visible
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure, Stage


class PathwayFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Pathway.Kind.choices)

    class Meta:
        model = Pathway
        fields = ["kind"]


class _OfPathway(filters.FilterSet):
    pathway = filters.ModelChoiceFilter(
        label=_("Pathway"), queryset=visible(Pathway), field_name="pathway", to_field_name="slug"
    )
    source_kind = filters.ChoiceFilter(
        label=_("Source"),
        choices=[("primary", _("Primary sources")), ("secondary", _("Secondary sources"))],
        method="filter_source_kind",
    )

    def filter_source_kind(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(secondary=value == "secondary") if value else queryset


class EventFilterSet(_OfPathway):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=PathwayEvent.Kind.choices)

    class Meta:
        model = PathwayEvent
        fields = ["pathway", "kind", "source_kind"]


class CommitmentFilterSet(_OfPathway):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Commitment.Kind.choices)

    class Meta:
        model = Commitment
        fields = ["pathway", "kind", "source_kind"]


class ProgressFilterSet(_OfPathway):
    stage = filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)

    class Meta:
        model = ProgressFigure
        fields = ["pathway", "stage", "source_kind"]
