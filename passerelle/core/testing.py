"""Factories and helpers for tests: plain keyword-only functions (STYLE.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.middleware import NOTICE_SESSION_KEY
from passerelle.core.models import Source, User

_counter = iter(range(1, 10**9))


def make_user(
    *,
    role: str | None = "viewer",
    clearance: int = Classification.PROTECTED_B,
    username: str | None = None,
    password: str = "correct horse battery staple",
    **fields: Any,
) -> User:
    """A user with one role (a group from core.roles) and a clearance."""
    user = User.objects.create_user(
        username=username or f"user{next(_counter)}",
        password=password,
        clearance=clearance,
        **fields,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # fresh, without a stale permission cache


def signed_in_client(user: User, *, acknowledged: bool = True) -> Client:
    """A test client signed in as `user`, past the system-use notice unless told otherwise."""
    client = Client()
    client.force_login(user)
    if acknowledged:
        session = client.session
        session[NOTICE_SESSION_KEY] = True
        session.save()
    return client


def make_source(*, key: str | None = None, **fields: Any) -> Source:
    n = next(_counter)
    values: dict[str, Any] = {
        "key": key or f"source-{n}",
        "publisher_en": "International Organization for Migration",
        "title_en": f"World Migration Report {n}",
    }
    values.update(fields)
    return Source.objects.create(**values)
