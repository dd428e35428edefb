"""Fixtures shared by every app's tests."""

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
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
