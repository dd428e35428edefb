"""People and the titles they held: serializers and endpoints (by slug for people)."""

from __future__ import annotations

from passerelle.core.api.viewsets import (
    RestrictedModelViewSet,
    VisibleSlugRelatedField,
)
from passerelle.partners.api.serializers import (
    PROVENANCE,
    READ_ONLY,
    RecordSerializer,
    country_field,
    organization_field,
)
from passerelle.partners.filters import AppointmentFilterSet, PersonFilterSet
from passerelle.partners.forms import APPOINTMENT_FIELDS, PERSON_FIELDS
from passerelle.partners.models import Appointment, Person


class PersonSerializer(RecordSerializer):
    country = country_field(required=False, allow_null=True)

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS, *PROVENANCE, "version"]
        read_only_fields = [*READ_ONLY, "version"]


class AppointmentSerializer(RecordSerializer):
    person = VisibleSlugRelatedField(slug_field="slug", queryset=Person.objects.all())
    organization = organization_field(required=False, allow_null=True)
    country = country_field(required=False, allow_null=True)

    class Meta:
        model = Appointment
        fields = ["id", *APPOINTMENT_FIELDS, *PROVENANCE, "version"]
        read_only_fields = [*READ_ONLY, "version"]


class PersonViewSet(RestrictedModelViewSet):
    """Counterparts and Canadian principals, by slug. Filter by `side`, `country` (ISO alpha-3),
    `organization` (slug of an organization they held a title in), `q` (a word of the name)."""

    queryset = Person.objects.select_related("country").prefetch_related("citations__source")
    serializer_class = PersonSerializer
    lookup_field = "slug"
    filterset_class = PersonFilterSet
    search_fields = ["slug", "name"]
    ordering_fields = ["name", "slug"]


class AppointmentViewSet(RestrictedModelViewSet):
    """The titles people held, where and when. Filter by `person`, `organization`, `country`."""

    queryset = Appointment.objects.select_related(
        "person", "organization", "country"
    ).prefetch_related("citations__source")
    serializer_class = AppointmentSerializer
    filterset_class = AppointmentFilterSet
    ordering_fields = ["start", "end"]
