"""Geo test fixtures."""

from typing import Any

import pytest
from django.db import transaction

from passerelle.core.snapshot import Snapshot, capture, restore
from passerelle.geo.reference import sync_countries


@pytest.fixture(scope="session")
def _countries_snapshot(django_db_setup: None, django_db_blocker: Any) -> tuple[Snapshot, int]:
    """What `passerelle sync-countries` writes, synced once per test session and rolled back."""
    synced: list[int] = []

    def work() -> None:
        with transaction.atomic():
            synced.append(sync_countries())

    with django_db_blocker.unblock():
        return capture(work), synced[0]


@pytest.fixture
def countries(db: None, _countries_snapshot: tuple[Snapshot, int]) -> int:
    """The full ISO 3166-1 reference, as `passerelle sync-countries` loads it (restored from the
    session's snapshot: about 2 s a test less on PostgreSQL); returns the number of records the
    sync wrote. test_reference.py's first test syncs for real."""
    snapshot, written = _countries_snapshot
    restore(snapshot)
    return written
