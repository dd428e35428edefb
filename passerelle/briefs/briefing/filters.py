"""Filters shared by the briefing pages and their API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.briefs.briefing.models import (
    OPEN_STATUSES,
    BriefRequest,
    Event,
    Principal,
    RequestKind,
    Status,
    Team,
)
from passerelle.core.filters import FilterSet, visible
from passerelle.geo.models import Country
from passerelle.partners.models import Forum


class EventFilterSet(FilterSet):
    q = filters.CharFilter(label=_("Title"), method="filter_q")
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    principal = filters.ChoiceFilter(label=_("Principal attending"), choices=Principal.choices)
    forum = filters.ModelChoiceFilter(
        label=_("Forum"), to_field_name="slug", queryset=visible(Forum)
    )
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    hints = {"q": _("A word of the title in English or French.")}
    empty_labels = {
        "kind": _("All kinds"),
        "principal": _("All principals"),
        "forum": _("All forums"),
        "country": _("All countries"),
    }
    messages = {
        "kind": _("Choose a kind from the list."),
        "principal": _("Choose a principal from the list."),
        "forum": _("Choose a forum from the list."),
        "country": _("Choose a country from the list."),
    }

    class Meta:
        model = Event
        fields = ["q", "kind", "principal", "forum", "country"]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title_en__icontains=value) | Q(title_fr__icontains=value))


class BriefRequestFilterSet(FilterSet):
    q = filters.CharFilter(label=_("Title or tracking number"), method="filter_q")
    status = filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = filters.ChoiceFilter(label=_("Kind"), choices=RequestKind.choices)
    team = filters.ChoiceFilter(label=_("Team"), choices=Team.choices)
    overdue = filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue")
    hints = {"q": _("A word of the title, or the tracking number.")}
    empty_labels = {
        "status": _("All statuses"),
        "kind": _("All kinds"),
        "team": _("All teams"),
    }
    messages = {
        "status": _("Choose a status from the list."),
        "kind": _("Choose a kind from the list."),
        "team": _("Choose a team from the list."),
    }

    class Meta:
        model = BriefRequest
        fields = ["q", "status", "kind", "team", "overdue"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A yes/no filter set by the pages' links ("overdue"), kept in the form unseen.
        self.form.fields["overdue"].widget = forms.HiddenInput()

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title_en__icontains=value)
            | Q(title_fr__icontains=value)
            | Q(tracking_number__iexact=value)
        )

    def filter_overdue(self, queryset: QuerySet[Any], name: str, value: bool | None) -> Any:
        if not value:
            return queryset
        from datetime import date

        return queryset.filter(status__in=OPEN_STATUSES, due__lt=date.today())
