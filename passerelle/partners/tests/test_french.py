"""The country page's panels write French sentences with the country's article."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_roles_panel_names_the_country_with_its_article(
    reference_data: None, viewer_client: Client
) -> None:
    page = viewer_client.get("/fr/geo/MEX/").content.decode()
    assert "Rôles du Mexique et du Canada dans les forums" in page
    assert "Rôles de Mexique" not in page
    english = viewer_client.get("/en/geo/MEX/").content.decode()
    assert "Roles of Mexico and of Canada in forums" in english
