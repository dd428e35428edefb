"""The indicators' API (read only): the catalogue, and observations filtered by indicator code,
geography and period — `GET /api/v1/indicators/observations/?indicator=CODE&geography=ISO3&
period=YYYY`. Only current releases unless `superseded=true`."""

from __future__ import annotations

from typing import Any

from django.urls import path
from rest_framework import serializers

from passerelle.core.api.viewsets import RestrictedReadOnlyViewSet
from passerelle.indicators.filters import IndicatorFilterSet, ObservationFilterSet
from passerelle.indicators.models import ImportRun, Indicator, Observation


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name_en",
            "name_fr",
            "unit",
            "definition_en",
            "definition_fr",
            "publisher",
            "classification",
            "illustrative",
        ]


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    indicator: serializers.SlugRelatedField[Indicator] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    source = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "geography",
            "geography_kind",
            "geography_name",
            "breakdown",
            "period",
            "period_end",
            "value",
            "status",
            "source",
            "retrieved",
            "superseded",
            "notes",
            "classification",
            "illustrative",
        ]

    def get_source(self, observation: Observation) -> dict[str, Any]:
        source = observation.source
        return {
            "key": source.key,
            "publisher": source.publisher_en,
            "title": source.title_en,
            "release": source.edition_en,
            "published": source.published,
            "retrieved": source.retrieved,
        }


class IndicatorViewSet(RestrictedReadOnlyViewSet):
    """Indicators: code, names, unit, definition, publisher."""

    queryset = Indicator.objects.order_by("code")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet


class ObservationViewSet(RestrictedReadOnlyViewSet):
    """Observations, each with its source release and retrieval date. `?total=true` answers the
    totals only (no breakdown by sex, age or reason), `?breakdown=sex=female` one breakdown."""

    queryset = Observation.objects.select_related("indicator", "source").order_by(
        "indicator__code", "geography", "breakdown", "period_end"
    )
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilterSet


class ImportRunSerializer(serializers.ModelSerializer[ImportRun]):
    source: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="key", read_only=True
    )

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "created",
            "kind",
            "file_name",
            "checksum",
            "source",
            "outcome",
            "rows_read",
            "imported",
            "corridors",
            "superseded",
            "rejected",
            "problems",
            "seconds",
            "classification",
        ]


class ImportRunViewSet(RestrictedReadOnlyViewSet):
    """Import runs: the file read, its release, what was imported, skipped and rejected."""

    queryset = ImportRun.objects.select_related("source")
    serializer_class = ImportRunSerializer


ROUTES = [("observations", ObservationViewSet), ("runs", ImportRunViewSet)]
# The catalogue is the app's root, /api/v1/indicators/ (a router prefix cannot be empty).
URLS = [
    path("", IndicatorViewSet.as_view({"get": "list"}), name="indicator-list"),
    path("<int:pk>/", IndicatorViewSet.as_view({"get": "retrieve"}), name="indicator-detail"),
]
