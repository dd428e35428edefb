"""Fixtures shared by every app's tests."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.snapshot import Snapshot, capture, restore
from passerelle.core.testing import make_user, signed_in_client


@pytest.fixture
def viewer(db: None) -> User:
    return make_user(role="viewer", clearance=Classification.PROTECTED_B)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user(role="analyst", clearance=Classification.PROTECTED_B)


@pytest.fixture
def administrator(db: None) -> User:
    return make_user(role="administrator", clearance=Classification.PROTECTED_B)


@pytest.fixture
def unclassified_viewer(db: None) -> User:
    return make_user(role="viewer", clearance=Classification.UNCLASSIFIED)


@pytest.fixture
def viewer_client(viewer: User) -> Client:
    return signed_in_client(viewer)


@pytest.fixture
def analyst_client(analyst: User) -> Client:
    return signed_in_client(analyst)


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Each test starts in the default language: a request in French leaves French active in
    its thread after the response, and a test after it that builds text outside any request
    would read French."""
    from django.utils import translation

    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_at_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A job started by a test runs at once, in the test (Huey's immediate mode), its files in a
    folder of the session's; core/tests/test_job_worker.py runs the real queue and worker."""
    from passerelle.core.jobs.queue import reset

    immediate = override_settings(JOBS_IMMEDIATE=True, JOBS_DIR=tmp_path_factory.mktemp("jobs"))
    immediate.enable()
    reset()
    yield
    immediate.disable()
    reset()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Tests make many users, and argon2 is slow on purpose (about 0.1 s a hash): tests hash
    with MD5 and still verify argon2 hashes. test_commands.py checks the product's argon2."""
    fast = override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *django_settings.PASSWORD_HASHERS,
        ]
    )
    fast.enable()
    yield
    fast.disable()


@pytest.fixture(scope="session")
def _reference_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    """What `passerelle load-reference` writes, loaded once per test session and rolled back."""
    from passerelle.core.reference import load_reference

    with django_db_blocker.unblock():
        return capture(
            lambda: load_reference(Path(django_settings.PROJECT_DIR) / "data" / "reference")
        )


@pytest.fixture
def reference_data(db: None, _reference_snapshot: Snapshot) -> None:
    """The whole reference dataset (the binder's facts, partners, engagements, the network), as
    `passerelle load-reference` loads it: restored from a snapshot in about a tenth of a second.
    Tests of the loader itself load for real."""
    restore(_reference_snapshot)
