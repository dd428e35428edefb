"""The rule of core/visibility.py, one case at a time: parents, groups of parents, codes, withheld
links, querysets made for another reader, marking, and data outside the database that names
records by code (application records)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from passerelle.core.classification import Classification
from passerelle.core.reader import reading_as
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Commitment, Engagement, Participant
from passerelle.engagements.tests.factories import (
    make_commitment,
    make_engagement,
    make_participant,
)
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import AreaOffice, Office
from passerelle.network.tests.factories import make_area_office, make_office
from passerelle.operations.models import IrritantSignal
from passerelle.operations.tests.factories import make_signal
from passerelle.partners.models import Membership
from passerelle.partners.tests.factories import make_forum, make_membership

pytestmark = pytest.mark.django_db
U, PA, PB = Classification.UNCLASSIFIED, Classification.PROTECTED_A, Classification.PROTECTED_B

# Made when the module is imported, as a form's or a serializer's queryset is: no reader yet.
ENGAGEMENTS_AT_IMPORT = Engagement.objects.all()


def test_a_record_is_seen_only_with_its_required_parent() -> None:
    hidden = make_engagement(classification=PB)
    make_participant(engagement=hidden, name="Open name")
    with reading_as(make_user(clearance=U)):
        assert not Participant.objects.exists()
        assert list(Participant.objects.filter(name="Open name")) == []
    with reading_as(make_user(clearance=PB)):
        assert Participant.objects.count() == 1


def test_a_record_is_seen_with_one_of_its_declared_parents() -> None:
    hidden_country, forum = make_country(classification=PB), make_forum()
    make_membership(forum=forum, country=hidden_country)
    shown_country = make_country()
    commitment = make_commitment(country=shown_country, forum=make_forum(classification=PB))
    with reading_as(make_user(clearance=U)):
        assert not Membership.objects.exists(), "its only member is hidden"
        seen = Commitment.objects.get(pk=commitment.pk)
        assert seen.forum is None, "its forum is withheld"
        assert seen.party == shown_country


def test_a_record_naming_a_hidden_record_by_code_is_hidden() -> None:
    hidden = make_country(classification=PB)
    make_signal(citizenship=hidden.iso_alpha3)
    with reading_as(make_user(clearance=U)):
        assert not IrritantSignal.objects.exists()
    with reading_as(make_user(clearance=PB)):
        assert IrritantSignal.objects.count() == 1


def test_links_to_hidden_records_are_withheld_wherever_they_are_read() -> None:
    hidden_office = make_office(classification=PB)
    make_area_office(office=hidden_office)
    open_office = make_office(area_office=AreaOffice.objects.get())
    engagement = make_engagement(forum=make_forum(classification=PB))
    with reading_as(make_user(clearance=U)):
        assert Engagement.objects.get(pk=engagement.pk).forum is None
        assert Office.objects.get(pk=open_office.pk).area_office is None, "its host is hidden"
        assert Engagement.objects.get(pk=engagement.pk).serializable_value("forum") is None


def test_a_condition_on_linked_records_holds_only_over_those_the_reader_sees() -> None:
    from passerelle.partners.models import Forum

    country, forum = make_country(), make_forum()
    make_membership(forum=forum, country=country, classification=PB)
    engagement = make_engagement(forum=make_forum(classification=PB, slug="secret-talks"))
    with reading_as(make_user(clearance=U)):
        assert not Forum.objects.filter(memberships__country=country).exists()
        assert not Engagement.objects.filter(forum__slug="secret-talks").exists()
        assert Engagement.objects.exclude(forum__slug="secret-talks").filter(pk=engagement.pk)
    with reading_as(make_user(clearance=PB)):
        assert Forum.objects.filter(memberships__country=country).get() == forum
        assert Engagement.objects.filter(forum__slug="secret-talks").get() == engagement


def test_a_queryset_made_before_the_reader_is_cut_down_when_read() -> None:
    make_engagement(title_en="Open")
    make_engagement(title_en="Hidden", classification=PB)
    with reading_as(make_user(clearance=U)):
        assert [e.title_en for e in ENGAGEMENTS_AT_IMPORT.all()] == ["Open"]
        assert ENGAGEMENTS_AT_IMPORT.count() == 1
        assert [e.title_en for e in ENGAGEMENTS_AT_IMPORT.filter(title_en__contains="i")] == []
        assert Engagement.objects.filter(pk__in=ENGAGEMENTS_AT_IMPORT.values("pk")).count() == 1


def test_a_page_is_marked_with_the_linked_names_it_shows_and_no_higher() -> None:
    forum = make_forum(classification=PA, name_en="A forum")
    engagement = make_engagement(forum=forum, countries=[make_country()])
    seen_by_a = signed_in_client(make_user(clearance=PA)).get(f"/en/engagements/{engagement.pk}/")
    assert seen_by_a["X-Security-Classification"] == "protected-a"
    assert "A forum" in seen_by_a.content.decode()
    seen_by_u = signed_in_client(make_user(clearance=U)).get(f"/en/engagements/{engagement.pk}/")
    assert seen_by_u["X-Security-Classification"] == "unclassified"
    page = seen_by_u.content.decode()
    assert "A forum" not in page and "Protected A" not in page


def test_application_records_of_a_hidden_office_are_withheld(tmp_path: Path) -> None:
    from passerelle.operations import analytics
    from passerelle.operations.leaktest import build_store

    country = make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484")
    make_office(code="open-office", country=country)
    make_office(code="hidden-office", country=country, classification=PB)
    with override_settings(OPERATIONS_DIR=tmp_path / "store"):
        build_store(tmp_path)
        with reading_as(make_user(clearance=PB)):
            offices = {key["office"] for key, _m in analytics.breakdown(by=("office",))}
            assert offices == {"open-office", "hidden-office"}
        with reading_as(make_user(clearance=U)):
            offices = {key["office"] for key, _m in analytics.breakdown(by=("office",))}
            assert offices == {"open-office"}
            assert analytics.breakdown(office="hidden-office") == []
            assert analytics.inventory(office="hidden-office") == []
