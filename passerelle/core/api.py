"""The API's kernel: the restricted viewset every endpoint derives from, optimistic concurrency
(ETag and If-Match), and the serializers for sources, citations, facts and the change log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from concurrency.exceptions import RecordModifiedError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from passerelle.core import deletion
from passerelle.core.classification import Classification
from passerelle.core.links import many_to_many_names, with_hidden_links
from passerelle.core.models import ChangeRecord, Citation, Fact, Source
from passerelle.core.models.base import VersionedModel
from passerelle.core.permissions import ACTION_BY_METHOD

# --- Optimistic concurrency -------------------------------------------------------------------
#
# A record's strong ETag is `"<app_label>.<model_name>-<pk>-v<version>"`, e.g.
# `"partners.forum-12-v3"`: the identity (model and primary key) and django-concurrency's
# `version`, which every save increments. A record without a version but with `last_updated`
# (core.Source) gets `"core.source-5-t<microseconds since 1970>"`. PUT, PATCH and DELETE must
# carry it in If-Match (RFC 9110 §13.1.1); see docs/api.md.

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)')


@dataclass(frozen=True)
class Validator:
    """What identifies one state of a record: a field (`version` or `last_updated`) and its
    value in that state."""

    field: str
    value: Any

    def token(self) -> str:
        if self.field == "version":
            return f"v{self.value}"
        return f"t{(self.value - _EPOCH) // timedelta(microseconds=1)}"


def current_validator(instance: models.Model) -> Validator | None:
    """The record's current state, or None for a model that keeps no version."""
    if isinstance(instance, VersionedModel):
        return Validator("version", instance.version)
    last_updated = getattr(instance, "last_updated", None)
    if isinstance(last_updated, datetime):
        return Validator("last_updated", last_updated)
    return None


def _prefix(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}-{instance.pk}-"


def etag_for(instance: models.Model) -> str | None:
    """The record's strong ETag (quoted), or None for a model that keeps no version."""
    validator = current_validator(instance)
    return None if validator is None else f'"{_prefix(instance)}{validator.token()}"'


def parse_if_match(header: str) -> list[tuple[bool, str]] | None:
    """If-Match as a list of (weak, opaque tag); `[]` for `*`; None when malformed."""
    if header.strip() == "*":
        return []
    tags, position = [], 0
    while position < len(header):
        match = _ENTITY_TAG.match(header, position)
        if match is None or match.end() == position:
            return None
        tags.append((bool(match.group(1)), match.group(2)))
        position = match.end()
    return tags or None


def _validator_from_tag(instance: models.Model, opaque: str, field: str) -> Validator | None:
    prefix = _prefix(instance)
    if not opaque.startswith(prefix):
        return None
    token = opaque[len(prefix) :]
    if not re.fullmatch(r"[vt]\d{1,20}", token):
        return None
    number = int(token[1:])
    if field == "version" and token[0] == "v":
        return Validator("version", number)
    if field == "last_updated" and token[0] == "t":
        return Validator("last_updated", _EPOCH + timedelta(microseconds=number))
    return None


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, detail: str, *, current_etag: str | None) -> None:
        super().__init__(detail)
        body: dict[str, Any] = {
            "detail": detail,
            "code": self.default_code,
            "current_etag": current_etag,
        }
        self.detail = body
        self.current_etag = current_etag


def _precondition_failed(instance: models.Model, detail: str) -> PreconditionFailed:
    current = type(instance)._base_manager.filter(pk=instance.pk).first()
    return PreconditionFailed(detail, current_etag=etag_for(current) if current else None)


def check_if_match(request: Request, instance: models.Model) -> Validator | None:
    """The state the client's write is conditional on, from If-Match: 428 without it, 412 when
    it is malformed, weak, or not the record's current ETag. `*` matches the record as read.
    None for a model that keeps no version (no precondition)."""
    current = current_validator(instance)
    if current is None:
        return None
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        raise PreconditionRequired(
            _(
                "This request must carry an If-Match header with the record’s current ETag. "
                "Read the record (GET) to get its ETag, then send it back in If-Match."
            )
        )
    tags = parse_if_match(header)
    if tags is None:
        raise _precondition_failed(
            instance,
            _('If-Match is malformed: give one or more quoted ETags, e.g. "…", or *.'),
        )
    if not tags:
        return current
    for weak, opaque in tags:
        validator = None if weak else _validator_from_tag(instance, opaque, current.field)
        if validator == current:
            return validator
    raise _precondition_failed(
        instance,
        _(
            "The record has changed since you read it (If-Match is not its current ETag). "
            "Read it again, reapply your change and send the new ETag."
        ),
    )


def _lock_if_unchanged(instance: models.Model, validator: Validator) -> bool:
    """Holds the row (until the transaction ends) if it is still in the state `validator`
    names: one conditional UPDATE, so no other write can slip in between check and write."""
    unchanged = type(instance)._base_manager.filter(
        pk=instance.pk, **{validator.field: validator.value}
    )
    return unchanged.update(**{validator.field: validator.value}) == 1


def _stale(instance: models.Model) -> PreconditionFailed:
    return _precondition_failed(
        instance,
        _(
            "The record was changed by someone else while your request was processed; nothing "
            "was saved. Read it again, reapply your change and send the new ETag."
        ),
    )


def _etag_headers(instance: models.Model) -> dict[str, str]:
    etag = etag_for(instance)
    return {"ETag": etag} if etag else {}


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        'The record\'s ETag as read (GET), e.g. "partners.forum-12-v3": 428 without it, 412 '
        "when the record has changed since (docs/api.md)."
    ),
)


class RestrictedGenericViewSet(viewsets.GenericViewSet):
    """Every read and write goes through `Model.objects.restrict(user, action)`, so a record above
    the user's clearance is not found (404), whatever the route."""

    def get_queryset(self) -> QuerySet[Any]:
        action = ACTION_BY_METHOD.get(self.request.method or "GET", "view")
        queryset = super().get_queryset()
        return queryset.restrict(self.request.user, action)  # type: ignore[attr-defined]

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed) and exc.current_etag:
            response["ETag"] = exc.current_etag
        return response


class RestrictedModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    RestrictedGenericViewSet,
):
    """Create, read, update and delete, restricted, with no lost update: a record's detail and
    every write answer its ETag, and PUT, PATCH and DELETE must send it back in If-Match (428
    without, 412 when the record has changed since)."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers=_etag_headers(instance))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            self.perform_create(serializer)
        headers = {**self.get_success_headers(serializer.data)}
        if serializer.instance is not None:
            headers.update(_etag_headers(serializer.instance))
        return Response(serializer.data, status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(parameters=[IF_MATCH])
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        expected = check_if_match(request, instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        for name in many_to_many_names(type(instance)):
            if name in serializer.validated_data:
                # Only visible records are accepted; links to hidden ones must not be dropped.
                serializer.validated_data[name] = with_hidden_links(
                    instance=instance,
                    field=name,
                    chosen=serializer.validated_data[name],
                    user=request.user,
                )
        try:
            with transaction.atomic():
                if expected is not None and expected.field == "version":
                    # django-concurrency saves with `UPDATE … WHERE version = <this>`: a write
                    # that slipped in since the check makes it raise RecordModifiedError.
                    instance.version = expected.value
                elif expected is not None and not _lock_if_unchanged(instance, expected):
                    raise _stale(instance)
                self.perform_update(serializer)
        except RecordModifiedError:
            raise _stale(instance) from None
        # Read the record again through the restricted queryset, so what is nested in the
        # answer (prefetched, restricted) is what a GET would show.
        fresh = self.get_queryset().filter(pk=instance.pk).first() or instance
        return Response(self.get_serializer(fresh).data, headers=_etag_headers(fresh))

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        expected = check_if_match(request, instance)
        if not deletion.plan([instance]).allowed:
            raise Conflict(_("This record cannot be deleted: other records depend on it."))
        with transaction.atomic():
            if expected is not None and not _lock_if_unchanged(instance, expected):
                raise _stale(instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RestrictedReadOnlyViewSet(
    mixins.RetrieveModelMixin, mixins.ListModelMixin, RestrictedGenericViewSet
):
    """Read only, restricted."""


class ClassifiedSerializerMixin:
    """Refuses to write a record above the writer's own clearance."""

    context: dict[str, Any]

    def validate_classification(self, value: int) -> int:
        user = self.context["request"].user
        if value > user.clearance:
            raise serializers.ValidationError(
                f"You cannot classify a record above your clearance "
                f"({Classification(user.clearance).label})."
            )
        return value


class VisibleSlugRelatedField(serializers.SlugRelatedField[Any]):
    """A related record named by a slug, chosen among those the writer may see: a record above
    their clearance is "not found", as everywhere else."""

    def get_queryset(self) -> QuerySet[Any]:
        queryset: Any = super().get_queryset()
        request = self.context.get("request")
        return queryset.restrict(getattr(request, "user", None), "view")


class VisiblePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """A related record named by its id, chosen among those the writer may see."""

    def get_queryset(self) -> QuerySet[Any]:
        queryset: Any = super().get_queryset()
        request = self.context.get("request")
        return queryset.restrict(getattr(request, "user", None), "view")


def visible_prefetch(request: Request, lookup: str, queryset: QuerySet[Any]) -> models.Prefetch:
    """Prefetch related records (nested in a representation) restricted to what the reader may
    see: a Protected B member of an unclassified forum is not shown to an unclassified reader."""
    restricted = queryset.restrict(request.user, "view")  # type: ignore[attr-defined]
    return models.Prefetch(lookup, queryset=restricted)


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
    filterset_fields = ["action", "actor", "object_id", "request_id", "user_name"]
    ordering_fields = ["time"]


ROUTES = [
    ("sources", SourceViewSet),
    ("facts", FactViewSet),
    ("changes", ChangeRecordViewSet),
]
