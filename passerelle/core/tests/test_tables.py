"""The declared tables (core/tables.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.core.testing import make_user, signed_in_client
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sort", ["name", "-name"])
def test_a_column_sorted_in_the_readers_language_sorts_both_ways(sort: str) -> None:
    make_forum(name_en="Beta", name_fr="Bêta")
    make_forum(name_en="Alpha", name_fr="Alpha")
    client: Client = signed_in_client(make_user())
    page = client.get("/fr/partners/forums/", {"sort": sort})
    assert page.status_code == 200
    text = page.content.decode()
    first, second = ("Alpha", "Bêta") if sort == "name" else ("Bêta", "Alpha")
    assert text.index(first) < text.index(second)
