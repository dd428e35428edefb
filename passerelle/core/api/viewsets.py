"""The API's kernel: the restricted viewsets every endpoint derives from (reads and writes through
`Model.objects.restrict(user, action)`, writes under If-Match), and the serializer fields and
mixins that keep what a reader may not see out of what they read and write."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from concurrency.exceptions import RecordModifiedError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from passerelle.core import datacache, deletion
from passerelle.core.api.etags import (
    IF_MATCH,
    Conflict,
    PreconditionFailed,
    check_if_match,
    etag_headers,
    lock_if_unchanged,
    stale,
)
from passerelle.core.changelog import is_change_logged
from passerelle.core.classification import Classification
from passerelle.core.links import many_to_many_names, with_hidden_links
from passerelle.core.permissions import ACTION_BY_METHOD
from passerelle.core.security import NUL

HELD_BY_NAMED = 10
"""At most this many records are named in a refused deletion's message."""


class RestrictedGenericViewSet(viewsets.GenericViewSet):
    """Every read and write goes through `Model.objects.restrict(user, action)`, so a record above
    the user's clearance is not found (404), whatever the route."""

    visible_related: Mapping[str, QuerySet[Any]] = {}
    """The related records nested in a representation, by lookup: each is prefetched restricted
    to what the reader may see (`visible_prefetch`), so a viewset declares them, not the rule."""

    def get_queryset(self) -> QuerySet[Any]:
        action = ACTION_BY_METHOD.get(self.request.method or "GET", "view")
        queryset = super().get_queryset()
        nested = [
            visible_prefetch(self.request, lookup, related.all())
            for lookup, related in self.visible_related.items()
        ]
        restricted = queryset.restrict(self.request.user, action)  # type: ignore[attr-defined]
        return restricted.prefetch_related(*nested)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """After the sign-in and the permission checks: a write whose data holds a NUL
        character is a field error (400) before any of it reaches the database (PostgreSQL
        refuses NUL in text, even in a lookup: a slug in a list of related records was a 500).
        The address and the query are core/security.py's RefuseNulMiddleware's."""
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH") and (path := _holding_nul(request.data)):
            raise serializers.ValidationError({path: [_("Null characters are not allowed.")]})

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed) and exc.current_etag:
            response["ETag"] = exc.current_etag
        return response


def _holding_nul(data: Any, path: str = "") -> str | None:
    """The name (dotted for what is nested, `non_field_errors` for the top) of the first value
    in `data` holding a NUL character, or None."""
    if isinstance(data, str):
        return (path or "non_field_errors") if NUL in data else None
    if hasattr(data, "getlist"):  # a form's QueryDict: every value of every key
        data = {key: data.getlist(key) for key in data}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{path}.{key}" if path else str(key)
            if NUL in str(key):
                return name
            if found := _holding_nul(value, name):
                return found
    elif isinstance(data, list | tuple):
        for value in data:
            if found := _holding_nul(value, path):
                return found
    return None


class KeptListMixin(mixins.ListModelMixin):
    """A list's page of records, as its reader reads it, kept until the next write (the key and
    the marking as core/datacache.py keeps them: data version, reader, day, language), by the
    address it was asked at with its query (filters, ordering, page). Only for models whose
    writes are change-logged, which is what moves the data version."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        declared = getattr(self, "queryset", None)
        model = declared.model if declared is not None else self.get_queryset().model  # type: ignore[attr-defined]
        if not is_change_logged(model):
            return super().list(request, *args, **kwargs)
        name = f"api|{type(self).__module__}.{type(self).__qualname__}|{request.get_host()}"
        data = datacache.cached(
            f"{name}|{request.get_full_path()}",
            lambda: super(KeptListMixin, self).list(request, *args, **kwargs).data,
            reader=datacache.reader_identity(),
        )
        return Response(data)


class RestrictedModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    KeptListMixin,
    RestrictedGenericViewSet,
):
    """Create, read, update and delete, restricted, with no lost update: a record's detail and
    every write answer its ETag, and PUT, PATCH and DELETE must send it back in If-Match (428
    without, 412 when the record has changed since)."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers=etag_headers(instance))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with refused_by_the_database(), transaction.atomic():
            self.perform_create(serializer)
        headers = {**self.get_success_headers(serializer.data)}
        if serializer.instance is not None:
            headers.update(etag_headers(serializer.instance))
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
            with refused_by_the_database(), transaction.atomic():
                if expected is not None and expected.field == "version":
                    # django-concurrency saves with `UPDATE … WHERE version = <this>`: a write
                    # that slipped in since the check makes it raise RecordModifiedError.
                    instance.version = expected.value
                elif expected is not None and not lock_if_unchanged(instance, expected):
                    raise stale(instance)
                self.perform_update(serializer)
        except RecordModifiedError:
            raise stale(instance) from None
        # Read the record again through the restricted queryset, so what is nested in the
        # answer (prefetched, restricted) is what a GET would show.
        fresh = self.get_queryset().filter(pk=instance.pk).first() or instance
        return Response(self.get_serializer(fresh).data, headers=etag_headers(fresh))

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[IF_MATCH])
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        expected = check_if_match(request, instance)
        plan = deletion.plan([instance])
        if not plan.allowed:
            raise deletion_refused(plan)
        try:
            with transaction.atomic():
                if expected is not None and not lock_if_unchanged(instance, expected):
                    raise stale(instance)
                self.perform_destroy(instance)
        except (ProtectedError, RestrictedError):
            # a link made since the plan was read
            raise deletion_refused(deletion.plan([instance])) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


def deletion_refused(plan: deletion.DeletionPlan) -> Conflict:
    """409, naming the records that hold the deletion which the reader may see, and no other
    (deletion.py: what the reader may not see is never named nor hinted at)."""
    names = [deletion.describe(record) for record in plan.held_by[:HELD_BY_NAMED]]
    detail = _("This record cannot be deleted: other records depend on it.")
    if names:
        detail = _(
            "This record cannot be deleted: other records depend on it (%(records)s). "
            "Remove or change them first."
        ) % {"records": "; ".join(names)}
    conflict = Conflict(detail)
    body: Any = {"detail": detail, "code": Conflict.default_code, "held_by": names}
    conflict.detail = body
    return conflict


@contextmanager
def refused_by_the_database() -> Iterator[None]:
    """A write the database refuses (a missing value, a key already in use) that the serializer
    did not catch is the client's error (400), not the server's."""
    try:
        yield
    except IntegrityError:
        raise serializers.ValidationError(
            {
                "non_field_errors": [
                    _(
                        "The record was not saved: a required value is missing or a value "
                        "that must be unique is already in use."
                    )
                ]
            }
        ) from None


class RestrictedReadOnlyViewSet(mixins.RetrieveModelMixin, KeptListMixin, RestrictedGenericViewSet):
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
