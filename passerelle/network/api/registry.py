"""The registry's API: area offices, offices, staffing snapshots, biometric collection points and
jurisdictions, and the derived summary of the network as of a date."""

from __future__ import annotations

from datetime import date

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.validators import UniqueValidator
from rest_framework.views import APIView

from passerelle.core.api.endpoints import CitationSerializer
from passerelle.core.api.viewsets import ClassifiedSerializerMixin, RestrictedModelViewSet
from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.geo.models import Country
from passerelle.network import services
from passerelle.network.filters import (
    JurisdictionFilterSet,
    OfficeFilterSet,
    PointFilterSet,
    StaffingFilterSet,
)
from passerelle.network.forms import AREA_OFFICE_FIELDS, OFFICE_FIELDS, POINT_FIELDS
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)

PROVENANCE = ["classification", "illustrative", "citations", "created", "last_updated"]


class _Registry(ClassifiedSerializerMixin, serializers.ModelSerializer):
    """What offices and points share: a country by ISO alpha-3, coordinates on the Earth."""

    citations = CitationSerializer(many=True, read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso_alpha3", queryset=Country.objects.all())

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        _check_coordinates(attrs)
        return attrs


def _check_coordinates(attrs: dict[str, object]) -> None:
    latitude, longitude = attrs.get("latitude"), attrs.get("longitude")
    errors = {}
    if isinstance(latitude, float) and not -90 <= latitude <= 90:
        errors["latitude"] = "Latitude must be between -90 and 90."
    if isinstance(longitude, float) and not -180 <= longitude <= 180:
        errors["longitude"] = "Longitude must be between -180 and 180."
    if errors:
        raise serializers.ValidationError(errors)


class OfficeSerializer(_Registry):
    area_office = serializers.SlugRelatedField(
        slug_field="slug", queryset=AreaOffice.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Office
        fields = ["id", *OFFICE_FIELDS, *PROVENANCE]
        read_only_fields = ["created", "last_updated"]


class AreaOfficeSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[AreaOffice]):
    # An office hosts at most one area office (a one-to-one link): a second is a field error.
    office = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Office.objects.all(),
        validators=[
            UniqueValidator(
                queryset=AreaOffice.objects.all(),
                message=_("This office already hosts an area office."),
            )
        ],
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = AreaOffice
        fields = ["id", *AREA_OFFICE_FIELDS, *PROVENANCE]
        read_only_fields = ["created", "last_updated"]


class PointSerializer(_Registry):
    services = serializers.ListField(
        child=serializers.ChoiceField(choices=BiometricCollectionPoint.Service.choices),
        required=False,
    )

    class Meta:
        model = BiometricCollectionPoint
        fields = ["id", *POINT_FIELDS, *PROVENANCE]
        read_only_fields = ["created", "last_updated"]


class StaffingSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[StaffingSnapshot]):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = StaffingSnapshot
        fields = [
            "id",
            "office",
            "as_of",
            "canada_based",
            "locally_engaged",
            "report_en",
            "report_fr",
            *PROVENANCE,
        ]
        read_only_fields = ["created", "last_updated"]


class JurisdictionSerializer(_Registry):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())

    class Meta:
        model = Jurisdiction
        fields = ["id", "country", "office", "valid_from", "valid_to", *PROVENANCE]
        read_only_fields = ["created", "last_updated"]


class AreaOfficeViewSet(RestrictedModelViewSet):
    """The nine area offices overseas, each named by its region and hosted by an office."""

    queryset = AreaOffice.objects.select_related("office").prefetch_related("citations__source")
    serializer_class = AreaOfficeSerializer
    lookup_field = "slug"
    filterset_fields = ["slug", "classification", "illustrative"]
    search_fields = ["slug", "name_en", "name_fr"]


class OfficeViewSet(RestrictedModelViewSet):
    """Offices abroad. Filter by `area_office` (slug), `kind`, `country` (ISO alpha-3), `region`
    (M49 code); `q` or `search` for names, cities and codes."""

    queryset = Office.objects.select_related("country", "area_office").prefetch_related(
        "citations__source"
    )
    serializer_class = OfficeSerializer
    lookup_field = "code"
    filterset_class = OfficeFilterSet
    search_fields = ["code", "name_en", "name_fr", "city_en", "city_fr"]
    ordering_fields = ["code", "name_en", "opened"]


class PointViewSet(RestrictedModelViewSet):
    """Biometric collection points. Filter by `status`, `country` (ISO alpha-3), `region` (M49
    code), `operator`; `q` or `search` for names, cities and codes."""

    queryset = BiometricCollectionPoint.objects.select_related("country").prefetch_related(
        "citations__source"
    )
    serializer_class = PointSerializer
    lookup_field = "code"
    filterset_class = PointFilterSet
    search_fields = ["code", "name_en", "name_fr", "city_en", "city_fr", "operator"]
    ordering_fields = ["code", "name_en", "opened"]


class StaffingViewSet(RestrictedModelViewSet):
    """Staffing snapshots: an office's Canada-based and locally engaged staff on a date."""

    queryset = StaffingSnapshot.objects.select_related("office").prefetch_related(
        "citations__source"
    )
    serializer_class = StaffingSerializer
    filterset_class = StaffingFilterSet
    search_fields = ["office__code", "office__name_en"]
    ordering_fields = ["as_of"]


class JurisdictionViewSet(RestrictedModelViewSet):
    """Which office serves each country (its area office follows from the office)."""

    queryset = Jurisdiction.objects.select_related("country", "office").prefetch_related(
        "citations__source"
    )
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet
    search_fields = ["country__iso_alpha3", "country__name_en", "office__code"]


SUMMARY_FIELDS: dict[str, serializers.Field] = {
    "area_offices": serializers.IntegerField(),
    "overseas_offices": serializers.IntegerField(),
    "global_operations_centres": serializers.IntegerField(),
    "biometric_collection_points": serializers.IntegerField(),
    "countries_with_biometric_collection_points": serializers.IntegerField(),
    "canada_based_staff": serializers.IntegerField(),
    "locally_engaged_staff": serializers.IntegerField(),
    "as_of": serializers.DateField(),
}


class SummaryView(APIView):
    """The network's totals derived from the records the reader may see."""

    permission_classes = [RestrictedModelPermissions]
    queryset = Office.objects.none()  # tells the permission class the model: network.view_office

    @extend_schema(
        summary="The network's derived totals",
        description=(
            "Area offices, overseas offices (offices in service with Canada-based staff, global "
            "operations centres apart), global operations centres, biometric collection points "
            "in service (open or temporarily closed) and the countries they are in, and the "
            "Canada-based and locally engaged staff of each office's latest snapshot on or "
            "before `as_of`. Counts only the records the reader may see."
        ),
        parameters=[
            OpenApiParameter(
                "as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; today by default."
            )
        ],
        responses={
            200: inline_serializer("NetworkSummary", SUMMARY_FIELDS),
            400: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("as_of", "").strip()
        as_of: date = timezone.localdate()
        if raw:
            try:
                as_of = date.fromisoformat(raw)
            except ValueError:
                message = f"as_of must be a date as YYYY-MM-DD, e.g. 2024-02-01; got {raw!r}."
                return Response({"as_of": [message]}, status=400)
        summary = services.network_summary(as_of=as_of, user=request.user)  # type: ignore[arg-type]
        return Response(summary.as_dict())


ROUTES = [
    ("area-offices", AreaOfficeViewSet),
    ("offices", OfficeViewSet),
    ("points", PointViewSet),
    ("staffing", StaffingViewSet),
    ("jurisdictions", JurisdictionViewSet),
]
URLS = [path("summary/", SummaryView.as_view(), name="network-summary")]
