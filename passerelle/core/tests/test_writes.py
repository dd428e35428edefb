"""Writes by a reader who may not see everything: a link to a record they may not see is refused
on every path (API, form, import, admin, a command's own save) as "not found"; an edit keeps the
links it could not show; nothing is written above the writer's clearance; a deletion that would
take records they may not see is refused without naming them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, Fact
from passerelle.core.reader import reading_as
from passerelle.core.testing import make_user, signed_in_client
from passerelle.core.writes import WriteRefused
from passerelle.engagements.models import Engagement
from passerelle.engagements.tests.factories import engagement_data, make_engagement
from passerelle.geo.tests.factories import make_country
from passerelle.network import importers as network_importers
from passerelle.network.models import Office, StaffingSnapshot
from passerelle.network.tests.factories import make_office
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db
U, PA, PB = Classification.UNCLASSIFIED, Classification.PROTECTED_A, Classification.PROTECTED_B


def _office_payload(country: str, code: str = "new-office") -> dict[str, Any]:
    return {
        "code": code,
        "name_en": "Visa office, Lagos",
        "name_fr": "Bureau des visas, Lagos",
        "kind": "visa_office",
        "city_en": "Lagos",
        "city_fr": "Lagos",
        "country": country,
        "latitude": 6.45,
        "longitude": 3.39,
    }


def test_the_api_refuses_a_link_to_a_hidden_record_as_not_found() -> None:
    hidden = make_country(classification=PB)
    manager = make_user(role="network manager", clearance=U)
    client = signed_in_client(manager)
    answer = client.post(
        "/api/v1/network/offices/",
        _office_payload(hidden.iso_alpha3),
        content_type="application/json",
    )
    nowhere = client.post(
        "/api/v1/network/offices/", _office_payload("ZZZ", "other"), content_type="application/json"
    )
    assert answer.status_code == nowhere.status_code == 400
    assert answer.json()["country"] == [
        message.replace("ZZZ", hidden.iso_alpha3) for message in nowhere.json()["country"]
    ]
    assert not Office.objects.exists()


def test_staffing_for_a_hidden_office_is_refused_by_the_api_and_the_import() -> None:
    office = make_office(classification=PB)
    manager = make_user(role="network manager", clearance=U)
    answer = signed_in_client(manager).post(
        "/api/v1/network/staffing/",
        {"office": office.code, "as_of": "2024-02-01", "canada_based": 3, "locally_engaged": 9},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "office" in answer.json()
    text = f"office,as_of,canada_based,locally_engaged\n{office.code},2024-02-01,3,9\n"
    report = network_importers.import_csv("staffing", io.StringIO(text), user=manager)
    assert not report.ok
    assert [error.column for error in report.errors] == ["office"]
    assert not StaffingSnapshot.objects.exists()


def test_the_import_reports_a_hidden_key_as_in_use_and_names_nothing() -> None:
    country = make_country()
    make_office(code="kabul", classification=PB, country=country, name_en="Secret office")
    manager = make_user(role="network manager", clearance=U)
    row = (
        "code,name_en,name_fr,kind,city_en,city_fr,country,latitude,longitude\n"
        "kabul,Visa office,Bureau des visas,visa_office,Kabul,Kaboul,"
        f"{country.iso_alpha3},34.5,69.2\n"
    )
    report = network_importers.import_csv("offices", io.StringIO(row), user=manager)
    assert not report.ok
    assert [(error.column, error.reason) for error in report.errors] == [("code", "already in use")]
    assert "Secret" not in str(report.errors)


def test_a_save_as_a_reader_cannot_link_what_they_may_not_see() -> None:
    hidden = make_forum(classification=PB)
    analyst = make_user(role="analyst", clearance=U)
    engagement = make_engagement()
    with reading_as(analyst), pytest.raises(WriteRefused):
        engagement.forum_id = hidden.pk
        engagement.save()
    with reading_as(analyst), pytest.raises(WriteRefused):
        engagement.countries.add(make_country(classification=PB))
    with reading_as(analyst), pytest.raises(WriteRefused):
        Fact(key="secret", section="s", title_en="A", classification=PB).save()


def test_an_edit_keeps_the_links_it_could_not_show(analyst_client: Client) -> None:
    hidden_forum = make_forum(classification=PB)
    hidden_place = make_country(classification=PB)
    hidden_country, shown_country = make_country(classification=PB), make_country()
    engagement = make_engagement(forum=hidden_forum, place_country=hidden_place)
    engagement.countries.set([hidden_country, shown_country])
    writer = signed_in_client(make_user(role="analyst", clearance=PA))
    page = writer.get(f"/en/engagements/{engagement.pk}/edit/").content.decode()
    assert hidden_forum.name_en not in page and hidden_place.name_en not in page
    data = engagement_data(
        title_en="Renamed",
        countries=[shown_country.pk],
        version=str(engagement.version),
        place_country="",
        forum="",
    )
    answer = writer.post(f"/en/engagements/{engagement.pk}/edit/", data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    engagement = Engagement._base_manager.get(pk=engagement.pk)
    assert engagement.title_en == "Renamed"
    assert (engagement.forum_id, engagement.place_country_id) == (hidden_forum.pk, hidden_place.pk)
    assert set(engagement.countries.values_list("pk", flat=True)) == {
        hidden_country.pk,
        shown_country.pk,
    }


def test_a_put_keeps_the_hidden_forum_it_sends_back_empty() -> None:
    hidden = make_forum(classification=PB)
    engagement = make_engagement(forum=hidden)
    client = signed_in_client(make_user(role="analyst", clearance=U))
    url = f"/api/v1/engagements/engagements/{engagement.pk}/"
    read = client.get(url)
    body = read.json()
    assert body["forum"] is None
    body["title_en"] = "Renamed"
    answer = client.put(url, body, content_type="application/json", HTTP_IF_MATCH=read["ETag"])
    assert answer.status_code == 200, answer.content
    assert answer.json()["forum"] is None
    assert Engagement._base_manager.get(pk=engagement.pk).forum_id == hidden.pk


def test_the_engagement_reference_is_unique_within_a_classification() -> None:
    make_engagement(reference="IA-2024-017", classification=PB)
    analyst = make_user(role="analyst", clearance=U)
    client = signed_in_client(analyst)
    data = engagement_data(reference="IA-2024-017", countries=[make_country().pk])
    answer = client.post("/en/engagements/add/", data)
    assert answer.status_code == 302, "a reference taken at Protected B is free at Unclassified"
    again = client.post("/en/engagements/add/", data)
    assert again.status_code == 400
    assert "Another engagement at this classification has this reference." in again.content.decode()


def test_admin_offers_and_takes_no_classification_above_the_administrator() -> None:
    admin = make_user(role="administrator", clearance=U, is_staff=True, is_superuser=True)
    hidden = make_country(classification=PB, name_en="Hidden land")
    client = signed_in_client(admin)
    page = client.get("/en/admin/core/fact/add/").content.decode()
    assert "Protected B" not in page and "Hidden land" not in page
    posted = client.post(
        "/en/admin/core/fact/add/",
        {
            "key": "k",
            "section": "s",
            "title_en": "T",
            "classification": str(PB),
            "order": "0",
            "attributes": "{}",
            "countries": [hidden.pk],
        },
    )
    assert posted.status_code == 200
    assert not Fact.objects.exists()


def test_a_deletion_that_would_take_hidden_records_is_refused_without_naming_them() -> None:
    office = make_office()
    StaffingSnapshot._base_manager.create(
        office=office, as_of="2024-02-01", canada_based=1, locally_engaged=2, classification=PB
    )
    admin = make_user(role="administrator", clearance=U, is_staff=True, is_superuser=True)
    client = signed_in_client(admin)
    page = client.get(f"/en/admin/network/office/{office.pk}/delete/").content.decode()
    listed = page.split('<ul id="deleted-objects">')[1].split("</ul>")[0]
    assert listed.strip() == "<li>Other records depend on it.</li>"
    manager = signed_in_client(make_user(role="network manager", clearance=U))
    url = f"/api/v1/network/offices/{office.code}/"
    etag = manager.get(url)["ETag"]
    answer = manager.delete(url, HTTP_IF_MATCH=etag)
    assert answer.status_code == 409
    assert Office.objects.filter(pk=office.pk).exists()


def test_a_change_record_is_classified_as_what_it_names() -> None:
    hidden = make_forum(classification=PB, name_en="Secret forum")
    engagement = make_engagement(forum=hidden)
    records = ChangeRecord.objects.filter(
        object_id=str(engagement.pk), content_type__model="engagement"
    )
    assert records and {r.classification for r in records} == {PB}
    client = signed_in_client(make_user(role="analyst", clearance=U))
    assert "Secret forum" not in client.get("/en/changes/").content.decode()
    assert client.get(f"/en/changes/{records[0].pk}/").status_code == 404
