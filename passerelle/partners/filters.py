"""Filters shared by the partners' pages and their API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import FilterSet, WordFilter, visible
from passerelle.geo.models import Country
from passerelle.partners.models import (
    Appointment,
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Person,
    Relationship,
)


class NamedFilterSet(FilterSet):
    """`q`: a word of the name in either language, the slug, or the acronym."""

    q = WordFilter(
        label=_("Name"),
        lookups=("slug", "name_en", "name_fr", "acronym_en__iexact", "acronym_fr__iexact"),
    )
    hints = {"q": _("A word of the name in English or French, or the acronym.")}
    empty_labels = {
        "kind": _("All types"),
        "scope": _("All scopes"),
        "member": _("All countries"),
        "country": _("All countries"),
    }
    messages = {
        "kind": _("Choose a type from the list."),
        "scope": _("Choose a scope from the list."),
        "member": _("Choose a country from the list."),
        "country": _("Choose a country from the list."),
    }


class OrganizationFilterSet(NamedFilterSet):
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "country"]


class ForumFilterSet(NamedFilterSet):
    member = filters.ModelChoiceFilter(
        label=_("Member country"),
        field_name="memberships__country",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
        distinct=True,
    )

    class Meta:
        model = Forum
        fields = ["q", "kind", "scope", "member"]


class FrameworkFilterSet(NamedFilterSet):
    class Meta:
        model = Framework
        fields = ["q", "kind"]


class PeriodFilterSet(filters.FilterSet):
    """`on`: records whose period contains that date; `country` / `organization` / `forum`."""

    on = filters.DateFilter(label=_("On"), method="filter_on")
    country = filters.ModelChoiceFilter(
        label=_("Country"), to_field_name="iso_alpha3", queryset=visible(Country)
    )
    organization = filters.ModelChoiceFilter(
        label=_("Organization"), to_field_name="slug", queryset=visible(Organization)
    )

    def filter_on(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.on(value)  # type: ignore[attr-defined]


class MembershipFilterSet(PeriodFilterSet):
    forum = filters.ModelChoiceFilter(
        label=_("Forum"), to_field_name="slug", queryset=visible(Forum)
    )

    class Meta:
        model = Membership
        fields = ["forum", "country", "organization", "on"]


class ForumRoleFilterSet(PeriodFilterSet):
    forum = filters.ModelChoiceFilter(
        label=_("Forum"), to_field_name="slug", queryset=visible(Forum)
    )

    class Meta:
        model = ForumRole
        fields = ["forum", "role", "country", "organization", "on"]


class RelationshipFilterSet(PeriodFilterSet):
    """`country` and `organization` match the party or the counterpart: Mexico's relationships
    are also those where Canada, the United States and UNHCR build its asylum capacity (RACBI),
    as its page shows them."""

    country = filters.ModelChoiceFilter(
        label=_("Country"),
        to_field_name="iso_alpha3",
        queryset=visible(Country),
        method="filter_either_side",
    )
    organization = filters.ModelChoiceFilter(
        label=_("Organization"),
        to_field_name="slug",
        queryset=visible(Organization),
        method="filter_either_side",
    )

    def filter_either_side(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(Q(**{name: value}) | Q(**{f"counterpart_{name}": value}))

    class Meta:
        model = Relationship
        fields = ["kind", "country", "organization", "on"]


class PersonFilterSet(FilterSet):
    """`q`: a word of the name; the side; the country served; an organization they held a
    title in."""

    q = WordFilter(label=_("Name"), lookups=("name", "slug"))
    country = filters.ModelChoiceFilter(
        label=_("Country"), to_field_name="iso_alpha3", queryset=visible(Country)
    )
    organization = filters.ModelChoiceFilter(
        label=_("Organization"),
        field_name="appointments__organization",
        to_field_name="slug",
        distinct=True,
        queryset=visible(Organization),
    )
    hints = {"q": _("A word of the person's name.")}
    empty_labels = {
        "side": _("Both sides"),
        "country": _("All countries"),
        "organization": _("All organizations"),
    }
    messages = {
        "side": _("Choose a side from the list."),
        "country": _("Choose a country from the list."),
        "organization": _("Choose an organization from the list."),
    }

    class Meta:
        model = Person
        fields = ["q", "side", "country", "organization"]


class AppointmentFilterSet(filters.FilterSet):
    """A person's titles (`person`: slug), or those held in an organization (slug) or a country's
    government (ISO alpha-3)."""

    person = filters.CharFilter(field_name="person__slug", label=_("Person"))
    organization = filters.CharFilter(field_name="organization__slug", label=_("Organization"))
    country = filters.CharFilter(field_name="country__iso_alpha3", label=_("Country"))

    class Meta:
        model = Appointment
        fields = ["person", "organization", "country"]
