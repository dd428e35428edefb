"""One restricted queryset decides what a user sees: the role for the action, the clearance for
the level."""

import pytest
from django.contrib.auth.models import AnonymousUser

from passerelle.core.classification import Classification, highest
from passerelle.core.models import Source
from passerelle.core.querysets import permission_name
from passerelle.core.testing import make_source, make_user
from passerelle.geo.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources():
    return {
        level: make_source(key=f"s{level.value}", classification=level) for level in Classification
    }


@pytest.mark.parametrize(
    ("clearance", "visible"),
    [
        (Classification.UNCLASSIFIED, 1),
        (Classification.PROTECTED_A, 2),
        (Classification.PROTECTED_B, 3),
    ],
)
def test_clearance_caps_what_a_role_sees(sources, clearance, visible):
    user = make_user(role="viewer", clearance=clearance)
    assert Source.objects.restrict(user, "view").count() == visible


def test_no_role_no_records(sources):
    assert not Source.objects.restrict(make_user(role=None), "view").exists()


def test_anonymous_and_inactive_users_see_nothing(sources):
    assert not Source.objects.restrict(AnonymousUser(), "view").exists()
    assert not Source.objects.restrict(None, "view").exists()
    inactive = make_user(role="administrator", is_active=False)
    assert not Source.objects.restrict(inactive, "view").exists()


def test_a_role_never_lifts_a_clearance(sources):
    superuser = make_user(
        role="administrator", clearance=Classification.UNCLASSIFIED, is_superuser=True
    )
    assert list(Source.objects.restrict(superuser, "view")) == [
        sources[Classification.UNCLASSIFIED]
    ]


def test_actions_follow_the_role(sources):
    viewer, analyst = make_user(role="viewer"), make_user(role="analyst")
    assert not Source.objects.restrict(viewer, "change").exists()
    assert Source.objects.restrict(analyst, "change").count() == 3
    assert not Country.objects.restrict(analyst, "change").exists()


def test_unknown_action_is_an_error():
    with pytest.raises(ValueError, match="unknown action"):
        permission_name(Source, "publish")


def test_highest_classification():
    assert highest([]) == Classification.UNCLASSIFIED
    assert highest([0, 2, 1, None]) == Classification.PROTECTED_B
