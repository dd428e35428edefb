"""The network's offices and points are named in French on French pages: cities as CLDR names
them (Algiers → Alger, Mexico City → Mexico)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from passerelle.network.models import BiometricCollectionPoint, Office

pytestmark = pytest.mark.django_db


def test_offices_and_points_have_their_french_city(reference_data: None) -> None:
    with translation.override("fr"):
        assert Office.objects.get(code="mexico-city").city == "Mexico"
        assert Office.objects.get(code="algiers").city == "Alger"
        algiers = BiometricCollectionPoint.objects.get(city_en="Algiers")
        assert algiers.city == "Alger"
        assert algiers.name == "Centre de réception des demandes de visa, Alger"
        assert BiometricCollectionPoint.objects.get(city_en="Dubai").city == "Dubaï"


def test_the_french_list_of_points_names_the_cities_in_french(
    reference_data: None, viewer_client: Client
) -> None:
    page = viewer_client.get("/fr/network/points/?country=DZA").content.decode()
    assert "Alger" in page
    assert "Algiers" not in page
