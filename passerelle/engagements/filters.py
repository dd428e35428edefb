"""Filters shared by the engagements' pages, their CSV exports and their API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.classification import Classification
from passerelle.core.filters import FilterSet, WordFilter, visible
from passerelle.core.forms import DATE_ERRORS, DATE_FORMAT
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


class ListFilterSet(FilterSet):
    """What the engagements' list filters say under their fields and when a choice is not in
    the list; a classification is offered only up to the reader's clearance, and a yes/no
    filter (`overdue`, `open`) is set by the page's links, kept in the form unseen."""

    hints = {
        "q": _("In titles, summaries and outcomes, English or French."),
    }
    empty_labels = {
        "country": _("All countries"),
        "organization": _("All organizations"),
        "forum": _("All forums"),
        "level": _("All levels"),
        "topic": _("All topics"),
        "objective": _("All objectives"),
        "channel": _("All channels"),
        "kind": _("All kinds"),
        "classification": _("Any classification"),
        "status": _("Any status"),
        "direction": _("Both"),
        "severity": _("Any severity"),
        "engagement": _("All engagements"),
    }
    messages = {
        "country": _("Choose a country from the list."),
        "organization": _("Choose an organization from the list."),
        "forum": _("Choose a forum from the list."),
        "level": _("Choose a level from the list."),
        "topic": _("Choose a topic from the list."),
        "objective": _("Choose an objective from the list."),
        "channel": _("Choose a channel from the list."),
        "kind": _("Choose a kind from the list."),
        "classification": _("Choose a classification from the list."),
        "status": _("Choose a status from the list."),
        "direction": _("Choose from the list."),
        "severity": _("Choose a severity from the list."),
        "engagement": _("Choose an engagement from the list."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field, forms.NullBooleanField):
                field.widget = forms.HiddenInput()
            model = getattr(getattr(field, "queryset", None), "model", None)
            if hasattr(model, "choice_label"):  # an engagement: its date and title, as read
                field.label_from_instance = lambda record: record.choice_label()
        field = self.form.fields.get("classification")
        user = getattr(self.request, "user", None)
        if field is not None and user is not None:
            clearance = getattr(user, "clearance", Classification.UNCLASSIFIED)
            field.choices = [c for c in field.choices if c[0] == "" or c[0] <= clearance]


def _date_filter(label: Any, **kwargs: Any) -> filters.DateFilter:
    return filters.DateFilter(
        label=label, input_formats=[DATE_FORMAT], error_messages=DATE_ERRORS, **kwargs
    )


class PartnerFilterSet(ListFilterSet):
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
    start = _date_filter(_("From"), field_name="start_date", lookup_expr="gte")
    end = _date_filter(_("To"), field_name="start_date", lookup_expr="lte")
    q = WordFilter(
        label=_("Words"),
        lookups=("title_en", "title_fr", "summary_en", "summary_fr", "outcomes_en", "outcomes_fr"),
    )

    class Meta:
        model = Engagement
        fields = [
            "q",
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
        ]


class ParticipantFilterSet(filters.FilterSet):
    class Meta:
        model = Participant
        fields = ["engagement", "side", "level"]


class FollowUpFilterSet(ListFilterSet):
    """`overdue=true`: open or in progress and due before today."""

    overdue = filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_before = _date_filter(_("Due before"), field_name="due", lookup_expr="lt")
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
