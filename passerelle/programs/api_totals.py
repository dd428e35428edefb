"""The API's totals by recipient or by country for one fiscal year: committed, disbursed and
left to disburse before March 31 (the dashboard's tables), over what the reader may see."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs import services
from passerelle.programs.fiscal import validate_fiscal_year
from passerelle.programs.models import BudgetLine


class TotalsQuery(serializers.Serializer[Any]):
    by = serializers.ChoiceField(choices=sorted(services.TOTALS_BY))
    fiscal_year = serializers.CharField(required=False, validators=[validate_fiscal_year])


class TotalRow(serializers.Serializer[Any]):
    recipient = serializers.CharField(required=False, help_text="The organization's slug.")
    country = serializers.CharField(required=False, help_text="ISO 3166 alpha-3.")
    name = serializers.CharField()
    committed = serializers.DecimalField(max_digits=16, decimal_places=2)
    disbursed = serializers.DecimalField(max_digits=16, decimal_places=2)
    to_disburse = serializers.DecimalField(max_digits=16, decimal_places=2)


class TotalsAnswer(serializers.Serializer[Any]):
    by = serializers.CharField()
    fiscal_year = serializers.CharField()
    results = TotalRow(many=True)


class TotalsView(APIView):
    """Committed, disbursed and left to disburse in a fiscal year (this one by default), by
    `recipient` or by `country` (a project covering several countries counts in full in each;
    allocations are made to envelopes, so none is given here)."""

    permission_classes = [RestrictedModelPermissions]
    queryset = BudgetLine.objects.none()

    @extend_schema(parameters=[TotalsQuery], responses=TotalsAnswer)
    def get(self, request: Request) -> Response:
        query = TotalsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        by = query.validated_data["by"]
        year = query.validated_data.get("fiscal_year") or services.current_fiscal_year()
        totals = services.totals(by, year)
        model: Any = Organization if by == "recipient" else Country
        records = model.objects.in_bulk(list(totals))
        rows = []
        for pk, total in sorted(totals.items(), key=lambda item: -item[1].committed):
            record = records.get(pk)
            if record is None:  # not seen by the reader
                continue
            key = record.slug if by == "recipient" else record.iso_alpha3
            rows.append(
                {
                    by: key,
                    "name": record.name,
                    "committed": f"{total.committed:.2f}",
                    "disbursed": f"{total.disbursed:.2f}",
                    "to_disburse": f"{total.to_disburse:.2f}",
                }
            )
        return Response({"by": by, "fiscal_year": year, "results": rows})


URLS = [path("totals/", TotalsView.as_view(), name="programs-api-totals")]
