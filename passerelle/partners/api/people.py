"""People and the titles they held: serializers and endpoints (by slug for people)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from passerelle.core.api.endpoints import CitationSerializer
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    VisibleSlugRelatedField,
)
from passerelle.partners.api.serializers import (
    PROVENANCE,
    READ_ONLY,
    country_field,
    organization_field,
)
from passerelle.partners.filters import AppointmentFilterSet, PersonFilterSet
from passerelle.partners.models import Appointment, Person


class PersonSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Person]):
    country = country_field(required=False, allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "name",
            "honorific_en",
            "honorific_fr",
            "side",
            "country",
            "biography_en",
            "biography_fr",
            *PROVENANCE,
            "version",
        ]
        read_only_fields = [*READ_ONLY, "version"]


class AppointmentSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Appointment]):
    person = VisibleSlugRelatedField(slug_field="slug", queryset=Person.objects.all())
    organization = organization_field(required=False, allow_null=True)
    country = country_field(required=False, allow_null=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "person",
            "title_en",
            "title_fr",
            "organization",
            "country",
            "start",
            "end",
            *PROVENANCE,
            "version",
        ]
        read_only_fields = [*READ_ONLY, "version"]


class PersonViewSet(RestrictedModelViewSet):
    """Counterparts and Canadian principals, by slug. Filter by `side`, `country` (ISO alpha-3),
    `organization` (slug of an organization they held a title in), `q` (a word of the name)."""

    queryset = Person.objects.select_related("country")
    serializer_class = PersonSerializer
    lookup_field = "slug"
    filterset_class = PersonFilterSet
    search_fields = ["slug", "name"]
    ordering_fields = ["name", "slug"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("citations__source")


class AppointmentViewSet(RestrictedModelViewSet):
    """The titles people held, where and when. Filter by `person`, `organization`, `country`."""

    queryset = Appointment.objects.select_related("person", "organization", "country")
    serializer_class = AppointmentSerializer
    filterset_class = AppointmentFilterSet
    ordering_fields = ["start", "end"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("citations__source")
