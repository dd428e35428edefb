"""The API kernel's answers to what the fuzzer found (issue 18): a deletion others depend on is a
409 naming them (those the reader may see only), a write the database would refuse is a 400 field
error, a huge `limit` is clamped, and the schema documents every status and every null."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from passerelle.core.classification import Classification
from passerelle.core.testcases import api_client
from passerelle.core.testing import make_user
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import Office
from passerelle.network.tests.factories import make_area_office, make_jurisdiction, make_office

pytestmark = pytest.mark.django_db


def schema() -> dict[str, Any]:
    client = api_client(make_user(role="viewer"))
    answer = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return answer.json()


def test_deleting_a_referenced_office_is_a_conflict_naming_what_holds_it() -> None:
    country = make_country()
    office = make_office(country=country)
    make_jurisdiction(country=country, office=office)
    client = api_client(make_user(role="administrator"))
    answer = client.delete(f"/api/v1/network/offices/{office.code}/", HTTP_IF_MATCH="*")
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "conflict"
    assert len(body["held_by"]) == 1
    assert body["held_by"][0].startswith("jurisdiction « ")
    assert body["held_by"][0] in body["detail"]
    assert Office.objects.filter(pk=office.pk).exists()
    french = client.delete(
        f"/api/v1/network/offices/{office.code}/", HTTP_IF_MATCH="*", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "ne peut pas être supprimé" in french.json()["detail"]


def test_a_deletion_held_by_a_record_the_reader_may_not_see_names_nothing() -> None:
    office = make_office(classification=Classification.UNCLASSIFIED)
    make_area_office(office=office, classification=Classification.PROTECTED_B)
    client = api_client(make_user(role="administrator", clearance=Classification.UNCLASSIFIED))
    answer = client.delete(f"/api/v1/network/offices/{office.code}/", HTTP_IF_MATCH="*")
    assert answer.status_code == 409
    assert answer.json()["held_by"] == []
    assert "area" not in answer.json()["detail"].lower()


def test_an_office_or_point_without_a_country_is_a_field_error() -> None:
    client = api_client(make_user(role="administrator"))
    office = {"code": "x1", "name_en": "X", "kind": "visa_office", "city_en": "X"}
    answer = client.post("/api/v1/network/offices/", office, format="json")
    assert answer.status_code == 400
    assert "country" in answer.json()
    point = {"code": "p1", "name_en": "P", "city_en": "P", "operator": "vac"}
    answer = client.post("/api/v1/network/points/", point, format="json")
    assert answer.status_code == 400
    assert "country" in answer.json()


def test_a_second_area_office_on_one_office_is_a_field_error() -> None:
    office = make_office(country=make_country())
    make_area_office(office=office)
    client = api_client(make_user(role="administrator"))
    answer = client.post(
        "/api/v1/network/area-offices/",
        {"slug": "second", "name_en": "Second", "office": office.code},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json()["office"] == ["This office already hosts an area office."]


@override_settings(API_MAX_LIMIT=2)
def test_a_limit_past_any_integer_is_clamped_for_viewers_too() -> None:
    for _ in range(3):
        make_country()
    client = api_client(make_user(role="viewer"))
    answer = client.get("/api/v1/geo/countries/?limit=9223372036854775808")
    assert answer.status_code == 200
    assert len(answer.json()["results"]) == 2
    assert client.get("/api/v1/geo/countries/?offset=9223372036854775808").status_code == 200


def test_an_address_under_the_api_that_names_nothing_is_a_json_404() -> None:
    client = api_client(make_user(role="viewer"))
    answer = client.get("/api/v1/partners/forums/a/b/")
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"
    nul = client.get("/api/v1/geo/countries/?search=%00")
    assert (nul.status_code, nul["Content-Type"]) == (400, "application/json")


def test_the_schema_documents_every_error_status_and_every_null() -> None:
    document = schema()
    paths = document["paths"]
    forum = paths["/api/v1/partners/forums/{slug}/"]
    assert {"400", "403", "404", "409", "412", "428"} <= set(forum["delete"]["responses"])
    assert {"400", "403", "404", "409", "412", "428"} <= set(forum["patch"]["responses"])
    assert {"400", "403", "409"} <= set(paths["/api/v1/partners/forums/"]["post"]["responses"])
    assert {"400", "403"} <= set(paths["/api/v1/partners/forums/"]["get"]["responses"])
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert "403" in operation["responses"], (method, path)
    components = document["components"]["schemas"]
    assert components["Region"]["properties"]["parent_code"]["nullable"] is True
    assert components["NestedParticipant"]["properties"]["country"]["nullable"] is True
    url = components["Evidence"]["properties"]["url"]
    assert {"type": "string", "maxLength": 0} in url["anyOf"]


def test_a_nul_character_in_a_write_is_refused_before_the_database() -> None:
    """The fuzzer's 500 on PostgreSQL (which refuses NUL in text, even in a lookup): a slug
    holding one in a list of related records. Every write path is the kernel's, so one check
    covers them (the address and the query: RefuseNulMiddleware)."""
    make_country(iso_alpha3="FRA")
    client = api_client(make_user(role="administrator"))
    forum = {
        "slug": "f1",
        "name_en": "F",
        "name_fr": "F",
        "kind": "regional",
        "members": ["FR\x00"],
    }
    answer = client.post("/api/v1/partners/forums/", forum, format="json")
    assert answer.status_code == 400
    assert answer.json() == {"members": ["Null characters are not allowed."]}
    nested = client.post("/api/v1/partners/forums/", {**forum, "members": [], "name_fr": "F\x00"})
    assert nested.json() == {"name_fr": ["Null characters are not allowed."]}
    french = client.post(
        "/api/v1/partners/forums/", forum, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert french.json() == {"members": ["Les caractères nuls ne sont pas permis."]}
    assert client.get("/api/v1/partners/forums/f\x00/").status_code == 404
