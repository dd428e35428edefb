"""Optimistic concurrency in the API: a record's strong ETag, and the If-Match that PUT, PATCH and
DELETE must carry (RFC 9110 §13.1.1; docs/api.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.request import Request

from passerelle.core.models.base import VersionedModel

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


def lock_if_unchanged(instance: models.Model, validator: Validator) -> bool:
    """Holds the row (until the transaction ends) if it is still in the state `validator`
    names: one conditional UPDATE, so no other write can slip in between check and write."""
    unchanged = type(instance)._base_manager.filter(
        pk=instance.pk, **{validator.field: validator.value}
    )
    return unchanged.update(**{validator.field: validator.value}) == 1


def stale(instance: models.Model) -> PreconditionFailed:
    return _precondition_failed(
        instance,
        _(
            "The record was changed by someone else while your request was processed; nothing "
            "was saved. Read it again, reapply your change and send the new ETag."
        ),
    )


def etag_headers(instance: models.Model) -> dict[str, str]:
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
