"""The API's pagination: `limit` and `offset`, with `limit` clamped to API_MAX_LIMIT so that no
client (a viewer included) can ask for more rows than the database can count or the server
should hold (`?limit=9223372036854775808` is one page of API_MAX_LIMIT)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    @property
    def max_limit(self) -> int:  # type: ignore[override]
        return int(settings.API_MAX_LIMIT)
