"""A person's permissions are kept between requests (core/backends.py) until their roles change:
a request reads no permission table once they are kept, and a new role counts at the next
request."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from passerelle.core.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def _page(client: Any) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/engagements/list/")
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def _reads_permissions(queries: list[str]) -> bool:
    return any('"auth_permission"' in sql for sql in queries)


def test_permissions_are_read_once_and_again_when_the_roles_change() -> None:
    person = make_user(role="viewer")
    client = signed_in_client(person)
    page, queries = _page(client)
    assert _reads_permissions(queries) and "Record an engagement" not in page

    page, queries = _page(client)
    assert not _reads_permissions(queries) and "Record an engagement" not in page

    person.groups.set([Group.objects.get(name="analyst")])  # a write, change-logged
    page, queries = _page(client)
    assert _reads_permissions(queries) and "Record an engagement" in page
