"""Filters shared by the engagements' pages, their CSV exports and their API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.classification import Classification
from passerelle.core.filters import visible
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    Evidence,
    FollowUp,
    Irritant,
    Level,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization


class PartnerFilterSet(filters.FilterSet):
    """`country` (ISO alpha-3), `organization` (slug), and `classification`."""

    country = filters.ModelChoiceFilter(
        label=_("Country"), to_field_name="iso_alpha3", queryset=visible(Country)
    )
    organization = filters.ModelChoiceFilter(
        label=_("Organization"), to_field_name="slug", queryset=visible(Organization)
    )
    classification = filters.ChoiceFilter(label=_("Classification"), choices=Classification.choices)


class EngagementFilterSet(PartnerFilterSet):
    """Partner (a counterpart country, an organization or a forum), level of participation,
    topic, objective, period (`start`–`end`), channel, kind and classification; `q` searches
    titles and summaries in both languages."""

    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    organization = filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="organizations",
        to_field_name="slug",
        queryset=visible(Organization),
    )
    forum = filters.ModelChoiceFilter(
        label=_("Forum"), to_field_name="slug", queryset=visible(Forum)
    )
    level = filters.ChoiceFilter(
        label=_("Level"), field_name="participants__level", choices=Level.choices, distinct=True
    )
    topic = filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", to_field_name="slug", queryset=visible(Topic)
    )
    objective = filters.ModelChoiceFilter(
        label=_("Objective"),
        field_name="objectives",
        to_field_name="slug",
        queryset=visible(Objective),
    )
    start = filters.DateFilter(label=_("From"), field_name="start_date", lookup_expr="gte")
    end = filters.DateFilter(label=_("To"), field_name="start_date", lookup_expr="lte")
    q = filters.CharFilter(label=_("Words"), method="filter_q")

    class Meta:
        model = Engagement
        fields = [
            "country",
            "organization",
            "forum",
            "level",
            "topic",
            "objective",
            "channel",
            "kind",
            "start",
            "end",
            "classification",
            "q",
        ]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        fields = ("title_en", "title_fr", "summary_en", "summary_fr", "outcomes_en", "outcomes_fr")
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)


class ParticipantFilterSet(filters.FilterSet):
    class Meta:
        model = Participant
        fields = ["engagement", "side", "level"]


class FollowUpFilterSet(filters.FilterSet):
    """`overdue=true`: open or in progress and due before today."""

    overdue = filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_before = filters.DateFilter(label=_("Due before"), field_name="due", lookup_expr="lt")
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="engagement__countries",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    classification = filters.ChoiceFilter(label=_("Classification"), choices=Classification.choices)

    class Meta:
        model = FollowUp
        fields = ["engagement", "status", "overdue", "due_before", "country", "classification"]

    def filter_overdue(
        self, queryset: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return queryset
        overdue = queryset.overdue()  # type: ignore[attr-defined]
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class CommitmentFilterSet(PartnerFilterSet):
    forum = filters.ModelChoiceFilter(
        label=_("Forum"), to_field_name="slug", queryset=visible(Forum)
    )

    class Meta:
        model = Commitment
        fields = ["direction", "status", "engagement", "country", "organization", "forum"]


class IrritantFilterSet(PartnerFilterSet):
    open = filters.BooleanFilter(label=_("Open"), method="filter_open")

    class Meta:
        model = Irritant
        fields = ["kind", "status", "severity", "country", "organization", "open", "classification"]

    def filter_open(self, queryset: QuerySet[Any], name: str, value: bool | None) -> QuerySet[Any]:
        if value is None:
            return queryset
        lookup = Q(status__in=Irritant.OPEN_STATUSES)
        return queryset.filter(lookup) if value else queryset.exclude(lookup)


class EvidenceFilterSet(filters.FilterSet):
    class Meta:
        model = Evidence
        fields = ["irritant"]
