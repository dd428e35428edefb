"""The kernel's API endpoints, through the generic CRUD × permission × clearance tests."""

from typing import Any

import pytest

from passerelle.core.models import ChangeRecord, Fact, Source
from passerelle.core.testcases import APICRUDTests, APIReadTests, api_client, change_records
from passerelle.core.testing import make_source, make_user, signed_in_client

_facts = iter(range(10**6))


class TestSourceAPI(APICRUDTests):
    model = Source
    list_url = "/api/v1/core/sources/"
    factory = make_source
    create_data = {
        "key": "unhcr-global-trends-2023",
        "publisher_en": "UNHCR",
        "title_en": "Global Trends: Forced Displacement in 2022",
        "published": "2023-06-14",
    }
    update_data = {"edition_en": "2023", "edition_fr": "2023", "title_fr": "Tendances mondiales"}


class TestFactAPI(APIReadTests):
    model = Fact
    list_url = "/api/v1/core/facts/"

    def make(self, **fields: Any) -> Fact:
        n = next(_facts)
        return Fact.objects.create(key=f"fact-{n}", section="test", title_en=f"Fact {n}", **fields)


class TestChangeRecordAPI(APIReadTests):
    model = ChangeRecord
    list_url = "/api/v1/core/changes/"
    view_role = "analyst"

    def make(self, **fields: Any) -> ChangeRecord:
        [record] = change_records(make_source(**fields), "create")
        return record


@pytest.mark.django_db
def test_viewer_cannot_read_change_log():
    response = api_client(make_user(role="viewer")).get("/api/v1/core/changes/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_change_log_cannot_be_written_through_the_api():
    record_source = make_source()
    [record] = change_records(record_source, "create")
    client = api_client(make_user(role="administrator"))
    url = f"/api/v1/core/changes/{record.pk}/"
    # No permission to change or delete change records exists, so even an administrator is
    # refused before the method is considered (403), or the method is not routed (405).
    assert client.patch(url, {"actor": "forged"}, format="json").status_code in (403, 405)
    assert client.delete(url).status_code in (403, 405)
    assert client.post("/api/v1/core/changes/", {}, format="json").status_code in (403, 405)
    record.refresh_from_db()
    assert record.actor != "forged"


@pytest.mark.django_db
def test_token_authentication_attributes_changes_to_the_token_user():
    from io import StringIO

    from django.core.management import call_command

    analyst = make_user(role="analyst")
    out = StringIO()
    call_command("issue-token", analyst.username, stdout=out)
    token = out.getvalue().strip()
    response = api_client(None).post(
        "/api/v1/core/sources/",
        {
            "key": "wb-2023",
            "publisher_en": "World Bank",
            "title_en": "Migration and Development Brief",
        },
        format="json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 201
    source = Source.objects.get(pk=response.json()["id"])
    [record] = change_records(source, "create")
    assert record.user == analyst
    assert record.actor == "api"


@pytest.mark.django_db
def test_schema_and_docs_are_served_to_signed_in_users():
    client = api_client(make_user(role="viewer"))
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/core/sources/" in schema.json()["paths"]
    # The documentation page is in the product's shell, in the reader's language (web/api_docs.py).
    assert client.get("/api/v1/docs/")["Location"] == "/en/api/"
    docs = signed_in_client(make_user(username="docs-reader", role="viewer")).get("/en/api/")
    assert docs.status_code == 200
    assert b"https://" not in docs.content.split(b"<body")[0], "docs page must not load from a CDN"
    assert api_client(None).get("/api/v1/schema/").status_code in (401, 403)
