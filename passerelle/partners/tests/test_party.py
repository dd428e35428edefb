"""The party foreign keys, declared once (partners/party.py) for memberships, roles in forums,
relationships, commitments and irritants: the same columns as before, the reverse accessors
named after each model, each model's own rule on how many parties it names, and the party as a
clearance parent."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from passerelle.core.classification import Classification
from passerelle.core.reader import reading_as_user
from passerelle.core.testing import make_user
from passerelle.engagements.models import Commitment, Irritant
from passerelle.engagements.tests.factories import make_commitment, make_irritant
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import ForumRole, Membership, Relationship
from passerelle.partners.party import PartyModel, PartyOrForumModel
from passerelle.partners.tests.factories import (
    make_forum,
    make_forum_role,
    make_membership,
    make_organization,
    make_relationship,
)

pytestmark = pytest.mark.django_db

PARTY_MODELS = (Membership, ForumRole, Relationship, Commitment, Irritant)


@pytest.mark.parametrize("model", PARTY_MODELS, ids=lambda m: m.__name__)
def test_each_party_model_keeps_its_columns(model) -> None:
    """The migrations only renamed accessors and labels: the table keeps its columns."""
    assert issubclass(model, PartyModel)
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, model._meta.db_table
            )
        }
    expected = {"country_id", "organization_id"}
    if issubclass(model, PartyOrForumModel):
        expected.add("forum_id")
    assert expected <= columns


def test_the_reverse_accessors_are_named_after_each_model() -> None:
    country, organization = make_country(), make_organization()
    membership = make_membership(country=country)
    role = make_forum_role(organization=organization)
    relationship = make_relationship(organization=organization)
    commitment = make_commitment(country=country)
    irritant = make_irritant(country=country)
    forum = make_forum()
    on_forum = make_commitment(forum=forum)
    assert list(country.memberships.all()) == [membership]
    assert list(organization.forumroles.all()) == [role]
    assert list(organization.relationships.all()) == [relationship]
    assert list(country.commitments.all()) == [commitment]
    assert list(country.irritants.all()) == [irritant]
    assert list(forum.commitments.all()) == [on_forum]
    assert (membership.party, role.party, irritant.party) == (country, organization, country)


def test_each_model_keeps_its_rule_on_parties() -> None:
    """Partners' records name exactly one party; engagements' records at least one."""
    country, organization, forum = make_country(), make_organization(), make_forum()
    for make in (
        lambda: make_membership(country=country, organization=organization),
        lambda: Irritant.objects.create(title_en="x", title_fr="x", kind="other"),
        lambda: Commitment.objects.create(direction="offer", description_en="x"),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            make()
    both = Irritant.objects.create(
        title_en="x", title_fr="x", kind="other", country=country, organization=organization
    )
    assert both.pk and make_commitment(forum=forum).pk


def test_a_reader_sees_a_record_only_with_its_party() -> None:
    hidden = make_organization(classification=Classification.PROTECTED_B)
    make_irritant(organization=hidden)
    make_commitment(forum=make_forum(classification=Classification.PROTECTED_B))
    seen = make_irritant(organization=make_organization())
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_A)
    with reading_as_user(reader):
        assert list(Irritant.objects.all()) == [seen]
        assert not Commitment.objects.exists()
