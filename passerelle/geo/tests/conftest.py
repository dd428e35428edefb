"""Geo test fixtures."""

import pytest
from django.db import transaction

from passerelle.geo.reference import sync_countries


@pytest.fixture
def countries(db: None) -> int:
    """The full ISO 3166-1 reference, loaded as `passerelle sync-countries` loads it."""
    with transaction.atomic():
        return sync_countries()
