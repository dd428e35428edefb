"""The engagements' edit pages share the kernel's optimistic-lock service (core/editing.py)."""

from __future__ import annotations

from django.http import HttpRequest

from passerelle.core.editing import (  # noqa: F401 - the pages import them from here
    SaveResult,
    Submission,
    save_versioned,
    submit,
    with_version,
)
from passerelle.core.models import User
from passerelle.core.views.generic import require  # noqa: F401


def user_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]
