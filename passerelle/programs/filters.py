"""Filters shared by the program's pages and its API: projects by envelope, initiative,
country, recipient, fiscal year (any day of the project within it), status and type."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.filters import visible
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.fiscal import fiscal_year_bounds, validate_fiscal_year
from passerelle.programs.models import (
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    Initiative,
    Project,
    Transaction,
)


class FiscalYearFilter(filters.CharFilter):
    """A fiscal year written 2024-25 (any other way is a form error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Fiscal year"))
        kwargs.setdefault("validators", [validate_fiscal_year])
        super().__init__(*args, **kwargs)


class ProjectFilterSet(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_q")
    envelope = filters.ModelChoiceFilter(
        label=_("Funding envelope"), to_field_name="slug", queryset=visible(FundingEnvelope)
    )
    initiative = filters.ModelChoiceFilter(
        label=_("Initiative"), to_field_name="slug", queryset=visible(Initiative)
    )
    country = filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        to_field_name="iso_alpha3",
        queryset=visible(Country),
    )
    recipient = filters.ModelChoiceFilter(
        label=_("Recipient"), to_field_name="slug", queryset=visible(Organization)
    )
    fiscal_year = FiscalYearFilter(method="filter_fiscal_year")
    status = filters.ChoiceFilter(label=_("Status"), choices=Project.Status.choices)
    agreement_type = filters.ChoiceFilter(
        label=_("Agreement type"), choices=Project.AgreementType.choices
    )

    class Meta:
        model = Project
        fields = ["q", "envelope", "initiative", "country", "recipient", "fiscal_year", "status"]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title_en__icontains=value)
            | Q(title_fr__icontains=value)
            | Q(reference_number__icontains=value)
            | Q(iati_identifier__icontains=value)
        )

    def filter_fiscal_year(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if not value:
            return queryset
        first, last = fiscal_year_bounds(value)
        return queryset.filter(start_date__lte=last, end_date__gte=first)


class TransactionFilterSet(filters.FilterSet):
    project = filters.NumberFilter(field_name="project")
    envelope = filters.CharFilter(field_name="project__envelope__slug", label=_("Funding envelope"))
    country = filters.CharFilter(field_name="project__countries__iso_alpha3", label=_("Country"))
    fiscal_year = FiscalYearFilter(method="filter_fiscal_year")

    class Meta:
        model = Transaction
        fields = ["project", "kind", "envelope", "country", "fiscal_year"]

    def filter_fiscal_year(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if not value:
            return queryset
        first, last = fiscal_year_bounds(value)
        return queryset.filter(date__range=(first, last))


class AllocationFilterSet(filters.FilterSet):
    fiscal_year = FiscalYearFilter(field_name="fiscal_year")
    envelope = filters.CharFilter(field_name="envelope__slug", label=_("Funding envelope"))

    class Meta:
        model = EnvelopeAllocation
        fields = ["fiscal_year", "envelope"]


class BudgetLineFilterSet(filters.FilterSet):
    fiscal_year = FiscalYearFilter(field_name="fiscal_year")

    class Meta:
        model = BudgetLine
        fields = ["fiscal_year", "project"]
