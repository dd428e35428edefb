"""The core's own endpoints: sources, facts and the change log, and the citation serializer every
record's serializer nests."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from passerelle.core.api.people import PersonViewSet, RoleMappingViewSet
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    RestrictedReadOnlyViewSet,
)
from passerelle.core.filters import ChangeRecordFilterSet
from passerelle.core.models import ChangeRecord, Citation, Fact, Source


class CitationSerializer(serializers.ModelSerializer[Citation]):
    source = serializers.SlugRelatedField[Source](  # type: ignore[assignment]
        slug_field="key", queryset=Source.objects.all()
    )

    class Meta:
        model = Citation
        fields = ["source", "field", "locator_en", "locator_fr", "note"]


class SourceSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Source]):
    class Meta:
        model = Source
        fields = [
            "id",
            "key",
            "publisher_en",
            "publisher_fr",
            "title_en",
            "title_fr",
            "edition_en",
            "edition_fr",
            "published",
            "identifier",
            "retrieved",
            "checksum",
            "classification",
            "created",
            "last_updated",
        ]
        read_only_fields = ["created", "last_updated"]


class FactSerializer(serializers.ModelSerializer[Fact]):
    citations = CitationSerializer(many=True, read_only=True)
    countries = serializers.SlugRelatedField[Any](
        slug_field="iso_alpha3", many=True, read_only=True
    )

    class Meta:
        model = Fact
        fields = [
            "id",
            "key",
            "section",
            "order",
            "title_en",
            "title_fr",
            "text_en",
            "text_fr",
            "value",
            "unit",
            "period_en",
            "period_fr",
            "as_of",
            "countries",
            "attributes",
            "classification",
            "illustrative",
            "citations",
        ]


class ChangeRecordSerializer(serializers.ModelSerializer[ChangeRecord]):
    content_type = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        fields = [
            "id",
            "time",
            "user_name",
            "actor",
            "request_id",
            "action",
            "content_type",
            "object_id",
            "object_repr",
            "classification",
            "before",
            "after",
        ]

    def get_content_type(self, record: ChangeRecord) -> str:
        return f"{record.content_type.app_label}.{record.content_type.model}"


class SourceViewSet(RestrictedModelViewSet):
    """Sources of figures: publications, releases, files."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    filterset_fields = ["key", "publisher_en", "classification"]
    search_fields = ["key", "title_en", "title_fr", "publisher_en", "publisher_fr"]


class FactViewSet(RestrictedReadOnlyViewSet):
    """The binder's facts not yet held by a domain module, each with its citations."""

    queryset = Fact.objects.prefetch_related("citations__source", "countries")
    serializer_class = FactSerializer
    filterset_fields = ["section", "key", "illustrative", "classification"]
    search_fields = ["key", "title_en", "title_fr", "text_en", "text_fr"]


class ChangeRecordViewSet(RestrictedReadOnlyViewSet):
    """The change log, read only: no route writes to it."""

    queryset = ChangeRecord.objects.select_related("content_type")
    serializer_class = ChangeRecordSerializer
    filterset_class = ChangeRecordFilterSet  # the change log page's
    ordering_fields = ["time"]


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([IsAuthenticated])
@schema(None)
def not_found(request: Request, *args: Any, **kwargs: Any) -> Response:
    """Any address under the API that names nothing (e.g. a key with a slash in it): a JSON 404,
    as the API's other errors are, not the site's HTML page."""
    return Response({"detail": _("Not found."), "code": "not_found"}, status=404)


def _job_viewset() -> Any:
    from passerelle.core.jobs.api import JobViewSet

    return JobViewSet


ROUTES = [
    ("people", PersonViewSet),
    ("group-mappings", RoleMappingViewSet),
    ("sources", SourceViewSet),
    ("facts", FactViewSet),
    ("changes", ChangeRecordViewSet),
    ("jobs", _job_viewset()),
]
