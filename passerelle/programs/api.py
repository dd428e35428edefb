"""The program's API: funding envelopes and their allocations, initiatives, projects and their
amendments, budget lines, transactions, sectors, policy markers, documents and results (result,
indicator, period, disaggregation), and the program's position by envelope and fiscal year.

Envelopes, initiatives and recipients are named by slug, countries by ISO alpha-3. Every write
is checked by the model's own rules (a transaction outside its project's dates, an amendment
below what is disbursed, a fiscal year not written 2024-25…): a 400 naming the field, nothing
written. Reads and writes follow the kernel's ETag rules (core/api/etags.py)."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError as ModelValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.api.endpoints import CitationSerializer
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    VisiblePrimaryKeyRelatedField,
    VisibleSlugRelatedField,
)
from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization
from passerelle.programs import services
from passerelle.programs.api_publications import URLS as publication_urls
from passerelle.programs.api_totals import URLS as totals_urls
from passerelle.programs.filters import (
    AllocationFilterSet,
    BudgetLineFilterSet,
    ProjectFilterSet,
    TransactionFilterSet,
)
from passerelle.programs.fiscal import validate_fiscal_year
from passerelle.programs.models import (
    Amendment,
    BudgetLine,
    Disaggregation,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Initiative,
    PolicyMarker,
    Project,
    ProjectDocument,
    ProjectSector,
    Result,
    Transaction,
)

PROVENANCE = ["classification", "illustrative", "citations", "created", "last_updated"]
READ_ONLY = ["created", "last_updated"]


def _slug(model: Any, **kwargs: Any) -> VisibleSlugRelatedField:
    return VisibleSlugRelatedField(slug_field="slug", queryset=model.objects.all(), **kwargs)


def _countries(**kwargs: Any) -> VisibleSlugRelatedField:
    return VisibleSlugRelatedField(
        slug_field="iso_alpha3", queryset=Country.objects.all(), many=True, **kwargs
    )


def _parent(model: Any) -> VisiblePrimaryKeyRelatedField:
    return VisiblePrimaryKeyRelatedField(queryset=model.objects.all())


class _Record(ClassifiedSerializerMixin, serializers.ModelSerializer[Any]):
    """A record written under its model's own rules (`clean()`), as its form is."""

    citations = CitationSerializer(many=True, read_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model: Any = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        many = {f.name for f in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many:
                setattr(instance, name, value)
        try:
            instance.clean()
        except ModelValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        for name in ("currency", "value_cad"):  # what clean() settles (CAD is no currency…)
            if name in attrs or (name == "value_cad" and model is Transaction):
                attrs[name] = getattr(instance, name)
        return attrs


class EnvelopeSerializer(_Record):
    class Meta:
        model = FundingEnvelope
        fields = ["id", "slug", "name_en", "name_fr", "description_en", "description_fr"]
        fields += ["order", *PROVENANCE]
        read_only_fields = READ_ONLY


class AllocationSerializer(_Record):
    envelope = _slug(FundingEnvelope)

    class Meta:
        model = EnvelopeAllocation
        fields = ["id", "envelope", "fiscal_year", "amount_cad", *PROVENANCE]
        read_only_fields = READ_ONLY


class InitiativeSerializer(_Record):
    forum = _slug(Forum, required=False, allow_null=True)
    organizations = _slug(Organization, many=True, required=False)
    countries = _countries(required=False)

    class Meta:
        model = Initiative
        fields = ["id", "slug", "name_en", "name_fr", "acronym_en", "acronym_fr"]
        fields += ["description_en", "description_fr", "established", "established_precision"]
        fields += ["forum", "organizations", "countries", "order", *PROVENANCE]
        read_only_fields = READ_ONLY


class ProjectSerializer(_Record):
    recipient = _slug(Organization)
    envelope = _slug(FundingEnvelope)
    initiative = _slug(Initiative, required=False, allow_null=True)
    countries = _countries(required=False)
    current_value_cad = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, source="current_value"
    )

    class Meta:
        model = Project
        fields = ["id", "reference_number", "iati_identifier", "agreement_number"]
        fields += ["title_en", "title_fr", "description_en", "description_fr"]
        fields += ["expected_results_en", "expected_results_fr", "recipient", "recipient_type"]
        fields += ["recipient_city_en", "recipient_city_fr"]
        fields += ["envelope", "initiative", "countries", "agreement_type", "value_cad"]
        fields += ["currency", "value_foreign", "current_value_cad", "start_date", "end_date"]
        fields += ["status", "published", "version", *PROVENANCE]
        read_only_fields = [*READ_ONLY, "version"]


def _child(model: Any, parent: str, parent_model: Any, names: list[str]) -> type[_Record]:
    meta = type("Meta", (), {"model": model, "fields": ["id", parent, *names, *PROVENANCE]})
    meta.read_only_fields = READ_ONLY  # type: ignore[attr-defined]
    attributes = {"Meta": meta, parent: _parent(parent_model)}
    return type(f"Program{model.__name__}Serializer", (_Record,), attributes)


AmendmentSerializer = _child(
    Amendment,
    "project",
    Project,
    [
        "number",
        "date",
        "total_value_cad",
        "total_value_foreign",
        "end_date",
        "termination",
        "reason_en",
        "reason_fr",
    ],
)
BudgetLineSerializer = _child(
    BudgetLine, "project", Project, ["fiscal_year", "amount_cad", "status"]
)
TransactionSerializer = _child(
    Transaction,
    "project",
    Project,
    ["kind", "date", "value", "currency", "value_cad", "description_en", "description_fr"],
)
SectorSerializer = _child(ProjectSector, "project", Project, ["code", "percentage"])
PolicyMarkerSerializer = _child(PolicyMarker, "project", Project, ["code", "significance"])
DocumentSerializer = _child(
    ProjectDocument, "project", Project, ["title_en", "title_fr", "url", "category"]
)
ResultSerializer = _child(
    Result,
    "project",
    Project,
    ["kind", "title_en", "title_fr", "description_en", "description_fr", "aggregation_status"],
)
IndicatorSerializer = _child(
    Indicator,
    "result",
    Result,
    [
        "title_en",
        "title_fr",
        "measure",
        "ascending",
        "baseline_year",
        "baseline_value",
        "baseline_comment_en",
        "baseline_comment_fr",
    ],
)
PeriodSerializer = _child(
    IndicatorPeriod,
    "indicator",
    Indicator,
    [
        "start",
        "end",
        "target_value",
        "actual_value",
        "target_comment_en",
        "target_comment_fr",
        "actual_comment_en",
        "actual_comment_fr",
    ],
)
DisaggregationSerializer = _child(
    Disaggregation,
    "period",
    IndicatorPeriod,
    ["dimension", "category", "target_value", "actual_value"],
)


def _viewset(model: Any, serializer: Any, doc: str, **attributes: Any) -> type[Any]:
    base = {
        "queryset": model.objects.all(),
        "serializer_class": serializer,
        "__doc__": doc,
        **attributes,
    }
    return type(f"{model.__name__}ViewSet", (RestrictedModelViewSet,), base)


EnvelopeViewSet = _viewset(
    FundingEnvelope,
    EnvelopeSerializer,
    "The program's funding envelopes, by slug.",
    lookup_field="slug",
)
AllocationViewSet = _viewset(
    EnvelopeAllocation,
    AllocationSerializer,
    "Allocations of the envelopes by fiscal year (`?fiscal_year=2024-25`).",
    filterset_class=AllocationFilterSet,
)
InitiativeViewSet = _viewset(
    Initiative,
    InitiativeSerializer,
    "The initiatives (GRSI, MIRPS Support Platform, RACBI).",
    lookup_field="slug",
)
ProjectViewSet = _viewset(
    Project,
    ProjectSerializer,
    "Projects (agreements). Filter by `envelope`, `initiative` (slugs), `country` (ISO "
    "alpha-3), `recipient` (slug), `fiscal_year` (2024-25: projects running in it), `status`, "
    "`agreement_type`; `q` for titles and reference numbers.",
    filterset_class=ProjectFilterSet,
    ordering_fields=["start_date", "end_date", "value_cad", "reference_number"],
)
AmendmentViewSet = _viewset(
    Amendment,
    AmendmentSerializer,
    "Amendments, each restating the agreement's total value.",
    filterset_fields=["project"],
)
BudgetLineViewSet = _viewset(
    BudgetLine,
    BudgetLineSerializer,
    "Budget lines by fiscal year.",
    filterset_class=BudgetLineFilterSet,
)
TransactionViewSet = _viewset(
    Transaction,
    TransactionSerializer,
    "Transactions. Filter by `project`, `kind`, `envelope` (slug), `country` (alpha-3), "
    "`fiscal_year` (dated in it).",
    filterset_class=TransactionFilterSet,
)
SectorViewSet = _viewset(
    ProjectSector, SectorSerializer, "Projects' DAC sectors.", filterset_fields=["project"]
)
PolicyMarkerViewSet = _viewset(
    PolicyMarker, PolicyMarkerSerializer, "Projects' policy markers.", filterset_fields=["project"]
)
DocumentViewSet = _viewset(
    ProjectDocument, DocumentSerializer, "Projects' documents.", filterset_fields=["project"]
)
ResultViewSet = _viewset(
    Result, ResultSerializer, "Projects' results.", filterset_fields=["project"]
)
IndicatorViewSet = _viewset(
    Indicator, IndicatorSerializer, "Results' indicators.", filterset_fields=["result"]
)
PeriodViewSet = _viewset(
    IndicatorPeriod, PeriodSerializer, "Indicators' periods.", filterset_fields=["indicator"]
)
DisaggregationViewSet = _viewset(
    Disaggregation,
    DisaggregationSerializer,
    "Periods' targets and actuals by sex or age.",
    filterset_fields=["period"],
)


class PositionQuery(serializers.Serializer[Any]):
    fiscal_year = serializers.CharField(required=False, validators=[validate_fiscal_year])
    envelope = serializers.SlugField(required=False)


class PositionRow(serializers.Serializer[Any]):
    envelope = serializers.CharField(allow_null=True, help_text="Slug; null for the total.")
    fiscal_year = serializers.CharField()
    allocated = serializers.DecimalField(max_digits=16, decimal_places=2)
    committed = serializers.DecimalField(max_digits=16, decimal_places=2)
    disbursed = serializers.DecimalField(max_digits=16, decimal_places=2)
    to_disburse = serializers.DecimalField(max_digits=16, decimal_places=2)


class PositionsAnswer(serializers.Serializer[Any]):
    illustrative = serializers.BooleanField()
    results = PositionRow(many=True)


class PositionsView(APIView):
    """Allocated, committed, disbursed and left to disburse, by envelope and fiscal year (the
    dashboard's table), over what the reader may see."""

    permission_classes = [RestrictedModelPermissions]
    queryset = EnvelopeAllocation.objects.none()

    @extend_schema(parameters=[PositionQuery], responses=PositionsAnswer)
    def get(self, request: Request) -> Response:
        query = PositionQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        envelopes = FundingEnvelope.objects.all()
        if query.validated_data.get("envelope"):
            envelopes = envelopes.filter(slug=query.validated_data["envelope"])
        year = query.validated_data.get("fiscal_year")
        found = services.positions(envelopes=list(envelopes), years=[year] if year else None)
        rows = [
            {
                "envelope": row["envelope"].slug if row["envelope"] else None,
                "fiscal_year": row["year"],
                "allocated": f"{row['position'].allocated:.2f}",
                "committed": f"{row['position'].committed:.2f}",
                "disbursed": f"{row['position'].disbursed:.2f}",
                "to_disburse": f"{row['position'].to_disburse:.2f}",
            }
            for row in found.rows()
        ]
        return Response({"illustrative": found.illustrative, "results": rows})


ROUTES = [
    ("envelopes", EnvelopeViewSet),
    ("allocations", AllocationViewSet),
    ("initiatives", InitiativeViewSet),
    ("projects", ProjectViewSet),
    ("amendments", AmendmentViewSet),
    ("budget-lines", BudgetLineViewSet),
    ("transactions", TransactionViewSet),
    ("sectors", SectorViewSet),
    ("policy-markers", PolicyMarkerViewSet),
    ("documents", DocumentViewSet),
    ("results", ResultViewSet),
    ("indicators", IndicatorViewSet),
    ("periods", PeriodViewSet),
    ("disaggregations", DisaggregationViewSet),
]
URLS = [
    path("positions/", PositionsView.as_view(), name="programs-api-positions"),
    *publication_urls,
    *totals_urls,
]
