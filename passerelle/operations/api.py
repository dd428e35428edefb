"""The operations API: service standards (administrators edit them), irritant signals (read),
and the aggregate views computed from the cube: roll-up, breakdown, inventory, compliance and
disparity. Records never leave the Parquet store; only aggregates are answered.

The modules that compute the aggregates (analytics, compliance, disparity) import Ibis, about
0.8 s: they are imported by the views' `compute`, not here, as every URL import (each gunicorn
worker, each command running the system checks) imports this module."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    RestrictedReadOnlyViewSet,
)
from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.operations import codes, store
from passerelle.operations.filters import IrritantSignalFilterSet
from passerelle.operations.models import IrritantSignal, ServiceStandard

PROVENANCE = ["classification", "illustrative", "created", "last_updated", "version"]


class ServiceStandardSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ServiceStandard
        fields = ["id", "program", "days", "target", "notes_en", "notes_fr", *PROVENANCE]
        read_only_fields = ["version"]

    def validate_target(self, value: float) -> float:
        if not 0 < value <= 1:
            raise serializers.ValidationError("The target share must be above 0 and at most 1.")
        return value


class ServiceStandardViewSet(RestrictedModelViewSet):
    queryset = ServiceStandard.objects.all()
    serializer_class = ServiceStandardSerializer
    filterset_fields = ["program"]


class IrritantSignalSerializer(serializers.ModelSerializer):
    class Meta:
        model = IrritantSignal
        fields = [
            "id", "citizenship", "metric", "comparison", "period_start", "period_end", "value",
            "count", "ci_low", "ci_high", "baseline", "baseline_count", "median_days",
            "baseline_median_days", "z", "p_value", "q_value", "significant", *PROVENANCE,
        ]  # fmt: skip


class IrritantSignalViewSet(RestrictedReadOnlyViewSet):
    queryset = IrritantSignal.objects.all()
    serializer_class = IrritantSignalSerializer
    filterset_class = IrritantSignalFilterSet


class SliceQuery(serializers.Serializer):
    citizenship = serializers.CharField(required=False, min_length=3, max_length=3)
    office = serializers.CharField(required=False, max_length=60)
    program = serializers.ChoiceField(required=False, choices=sorted(codes.PROGRAMS))
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)

    def validate_citizenship(self, value: str) -> str:
        return value.upper()


class BreakdownQuery(SliceQuery):
    by = serializers.ChoiceField(choices=codes.GROUPS)


class ComplianceQuery(SliceQuery):
    by = serializers.ChoiceField(choices=codes.COMPLIANCE_BY)


class _Aggregate(APIView):
    """An aggregate of the records: the query validated (400 when wrong), computed, and answered
    with the illustrative flag (404 when nothing is built yet). Readers of the signals may read
    the aggregates they come from."""

    permission_classes = [RestrictedModelPermissions]
    queryset = IrritantSignal.objects.none()
    query: type[serializers.Serializer] | None = SliceQuery
    api_errors = ("404",)  # documented by core.api.schema

    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        filters: dict[str, Any] = {}
        if self.query is not None:
            query = self.query(data=request.query_params)
            query.is_valid(raise_exception=True)
            filters = dict(query.validated_data)
        try:
            data = self.compute(filters)
        except store.NoData:
            return Response({"detail": "No cube: run `passerelle operations build`."}, status=404)
        return Response({"illustrative": store.is_illustrative(), **data})


def _schema(summary: str, query: type[serializers.Serializer] | None, description: str = "") -> Any:
    return extend_schema_view(
        get=extend_schema(
            summary=summary,
            description=description or None,
            parameters=[query] if query else None,
            responses=OpenApiTypes.OBJECT,
        )
    )


@_schema(
    "Exact roll-up",
    SliceQuery,
    "Decided, approved, refused, withdrawn, approval rate, and the exact median and 80th "
    "percentile of processing days of the decided records in a slice (year and month are the "
    "decision's).",
)
class RollupView(_Aggregate):
    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        from passerelle.operations import analytics

        return analytics.rollup(**filters).as_dict()


@_schema("Metrics by month, program, office or citizenship", BreakdownQuery)
class BreakdownView(_Aggregate):
    query = BreakdownQuery

    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        from passerelle.operations import analytics

        rows = analytics.breakdown(by=(filters.pop("by"),), **filters)
        return {"results": [{**key, **metrics.as_dict()} for key, metrics in rows]}


@_schema("Received, decided and pending at month end", SliceQuery)
class InventoryView(_Aggregate):
    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in filters.items() if k not in ("year", "month")}
        from passerelle.operations import analytics

        return {"results": analytics.inventory(**kept)}


@_schema("Compliance with the service standards", ComplianceQuery)
class ComplianceView(_Aggregate):
    query = ComplianceQuery

    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        from passerelle.operations.compliance import compliance

        if not store.has_cube():
            raise store.NoData
        return {"results": compliance(by=filters.pop("by"), **filters)}


@_schema(
    "Refusal rates standardised for program mix",
    None,
    "A statistical disparity between groups of applications, not evidence of bias: direct "
    "standardisation removes only the difference in program mix.",
)
class DisparityView(_Aggregate):
    query = None

    def compute(self, filters: dict[str, Any]) -> dict[str, Any]:
        from passerelle.operations.disparity import disparity

        result = disparity()
        if result is None:
            raise store.NoData
        return {
            "period": {"start": result.span.current[0], "end": result.span.current[1]},
            "global_rate": result.global_rate,
            "weights": result.weights,
            "results": [row.__dict__ for row in result.rows],
        }


ROUTES = [
    ("service-standards", ServiceStandardViewSet),
    ("signals", IrritantSignalViewSet),
]
URLS = [
    path("rollup/", RollupView.as_view(), name="operations-api-rollup"),
    path("breakdown/", BreakdownView.as_view(), name="operations-api-breakdown"),
    path("inventory/", InventoryView.as_view(), name="operations-api-inventory"),
    path("compliance/", ComplianceView.as_view(), name="operations-api-compliance"),
    path("disparity/", DisparityView.as_view(), name="operations-api-disparity"),
]
