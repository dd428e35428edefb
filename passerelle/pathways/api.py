"""The pathways' API: the measures (with their status, commitments in force, latest figure and
next event), their timeline events, commitments and caps (every version) and progress figures.
A measure is named by its slug, a country by ISO alpha-3, a partner and a source by slug/key.
Writes pass the models' own checks (validation.py): the same 400s as the edit pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from passerelle.core.api.endpoints import CitationSerializer
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    VisibleSlugRelatedField,
)
from passerelle.core.models import Source
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.pathways import services
from passerelle.pathways.filters import (
    CommitmentFilterSet,
    EventFilterSet,
    PathwayFilterSet,
    ProgressFilterSet,
)
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure

PROVENANCE = ["classification", "illustrative", "created", "last_updated"]
SOURCED = ["source", "locator_en", "locator_fr", "as_printed", "secondary"]


def _checked(serializer: serializers.ModelSerializer[Any], attrs: dict[str, Any]) -> dict[str, Any]:
    """Run the model's `clean()` on the record as it would be saved; its errors as a 400."""
    model: type[Model] = serializer.Meta.model
    concrete = {f.name for f in model._meta.concrete_fields}
    values = {}
    if serializer.instance is not None:
        values = {name: getattr(serializer.instance, name) for name in concrete}
    values.update({name: value for name, value in attrs.items() if name in concrete})
    record = model(**values)
    try:
        record.clean()
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict) from None
    return attrs


class _Sourced(ClassifiedSerializerMixin, serializers.ModelSerializer[Any]):
    pathway = VisibleSlugRelatedField(slug_field="slug", queryset=Pathway.objects.all())
    source = VisibleSlugRelatedField(  # type: ignore[assignment]
        slug_field="key", queryset=Source.objects.all(), required=False, allow_null=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _checked(self, attrs)


class PathwaySerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Pathway]):
    countries = VisibleSlugRelatedField(
        slug_field="iso_alpha3", queryset=Country.objects.all(), many=True, required=False
    )
    partners = VisibleSlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), many=True, required=False
    )
    citations = CitationSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Pathway
        fields = [
            "id", "slug", "crisis_en", "crisis_fr", "name_en", "name_fr", "acronym_en",
            "acronym_fr", "kind", "public_policy_en", "public_policy_fr", "binder_text_en",
            "binder_text_fr", "eligibility_en", "eligibility_fr", "streams_en", "streams_fr",
            "program_codes", "order", "countries", "partners", "status", "citations",
            *PROVENANCE,
        ]  # fmt: skip
        read_only_fields = ["created", "last_updated"]

    @extend_schema_field(serializers.DictField())
    def get_status(self, pathway: Pathway) -> dict[str, Any]:
        summary = services.summary(pathway)
        latest = summary.latest
        return {
            "status": summary.status.kind or None,
            "since": summary.status.since,
            "commitments_in_force": [c.pk for c in summary.commitments],
            "latest_figure": latest.pk if latest else None,
            "next_event": summary.next_event.pk if summary.next_event else None,
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return _checked(self, attrs)


class PathwayCommitmentSerializer(_Sourced):
    class Meta:
        model = Commitment
        fields = [
            "id", "pathway", "key", "kind", "label_en", "label_fr", "target", "unit", "stage",
            "stream", "period_en", "period_fr", "effective", "met_on", *SOURCED, *PROVENANCE,
        ]  # fmt: skip
        read_only_fields = ["created", "last_updated"]


class PathwayEventSerializer(_Sourced):
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = PathwayEvent
        fields = [
            "id", "pathway", "kind", "date", "description_en", "description_fr", "commitment",
            *SOURCED, *PROVENANCE,
        ]  # fmt: skip
        read_only_fields = ["created", "last_updated"]


class ProgressFigureSerializer(_Sourced):
    class Meta:
        model = ProgressFigure
        fields = [
            "id", "pathway", "stage", "value", "unit", "qualifier", "stream", "as_of",
            "note_en", "note_fr", *SOURCED, *PROVENANCE,
        ]  # fmt: skip
        read_only_fields = ["created", "last_updated"]


class PathwayViewSet(RestrictedModelViewSet):
    """The crisis-response measures. Filter by `kind`."""

    queryset = Pathway.objects.prefetch_related(
        "countries", "partners", "events", "commitments", "progress", "citations__source"
    )
    serializer_class = PathwaySerializer
    filterset_class = PathwayFilterSet
    lookup_field = "slug"


class CommitmentViewSet(RestrictedModelViewSet):
    """Commitments and intake caps, every version (a raised cap is a new version of its key).
    Filter by `pathway` (slug), `kind`, `source_kind` (primary, secondary)."""

    queryset = Commitment.objects.select_related("pathway", "source")
    serializer_class = PathwayCommitmentSerializer
    filterset_class = CommitmentFilterSet


class EventViewSet(RestrictedModelViewSet):
    """The measures' timeline events. Filter by `pathway`, `kind`, `source_kind`."""

    queryset = PathwayEvent.objects.select_related("pathway", "source")
    serializer_class = PathwayEventSerializer
    filterset_class = EventFilterSet


class ProgressViewSet(RestrictedModelViewSet):
    """Published progress figures by stage, each with its as-of date and source. Filter by
    `pathway`, `stage`, `source_kind`."""

    queryset = ProgressFigure.objects.select_related("pathway", "source")
    serializer_class = ProgressFigureSerializer
    filterset_class = ProgressFilterSet


ROUTES = [
    ("pathways", PathwayViewSet),
    ("commitments", CommitmentViewSet, "pathway-commitment"),
    ("events", EventViewSet),
    ("progress", ProgressViewSet),
]
