"""What every app's filters share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest


def visible(model: Any) -> Callable[[HttpRequest | None], QuerySet[Any]]:
    """The choices of a filter on `model`: only the records the user may see, so a filter
    reveals nothing above their clearance."""

    def queryset(request: HttpRequest | None) -> QuerySet[Any]:
        return model.objects.restrict(getattr(request, "user", None), "view")

    return queryset
