"""The OpenAPI schema's kernel: every operation documents, besides its success, each error status
the kernel can answer it with, once here rather than per view (docs/api.md):

- 400 a request the API cannot take (a field error, a malformed filter or query parameter);
- 403 not signed in, or not allowed (a viewer's write);
- 404 a record that does not exist or that the reader may not see (operations with a path
  parameter, and views whose `api_errors` name it);
- 409 a write that conflicts with other records (a deletion that others depend on, a key already
  in use);
- 412 and 428 a write to a versioned record without its current ETag in If-Match.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

_DETAIL = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the reader's language."},
        "code": {"type": "string"},
    },
    "required": ["detail"],
}
_FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Field errors: each field's name and its messages (`non_field_errors` for the record "
        "as a whole), or `detail` for a request that is wrong as a whole."
    ),
    "additionalProperties": True,
}
_PRECONDITION = {
    "type": "object",
    "properties": {
        **_DETAIL["properties"],  # type: ignore[dict-item]
        "current_etag": {"type": "string", "nullable": True},
    },
    "required": ["detail"],
}
_CONFLICT = {
    "type": "object",
    "properties": {
        **_DETAIL["properties"],  # type: ignore[dict-item]
        "held_by": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The records (that the reader may see) that depend on this one.",
        },
    },
    "required": ["detail"],
}

_ERRORS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("The request is not valid: field errors or a malformed parameter.", _FIELD_ERRORS),
    "403": ("Not signed in, or not allowed to do this.", _DETAIL),
    "404": ("No such record, or not one the reader may see.", _DETAIL),
    "409": ("The write conflicts with other records (e.g. others depend on it).", _CONFLICT),
    "412": ("If-Match is not the record's current ETag: read it again.", _PRECONDITION),
    "428": ("If-Match is missing: send the record's ETag as read.", _DETAIL),
}

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONDITIONAL = frozenset({"PUT", "PATCH", "DELETE"})


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error statuses documented for every operation."""

    def error_statuses(self) -> list[str]:
        """The error statuses this operation can answer."""
        from passerelle.core.api.viewsets import RestrictedModelViewSet

        statuses = ["400", "403"]
        if "{" in self.path or "404" in getattr(self.view, "api_errors", ()):
            statuses.append("404")
        model_writes = isinstance(self.view, RestrictedModelViewSet) and self.method in WRITES
        if model_writes:
            statuses.append("409")
        if model_writes and self.method in CONDITIONAL:
            statuses += ["412", "428"]
        return statuses

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.URLField) and field.allow_blank:
            # an optional address is stored as "", which is no URI
            uri = {k: v for k, v in schema.items() if k in ("type", "format", "maxLength")}
            rest = {k: v for k, v in schema.items() if k not in uri}
            return {**rest, "anyOf": [uri, {"type": "string", "maxLength": 0}]}
        return schema

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        if direction != "response":
            return responses
        for status in self.error_statuses():
            if status not in responses:
                description, schema = _ERRORS[status]
                responses[status] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                }
        return responses
