"""ETag and If-Match in the API (RFC 9110): parsing, `*`, weak and malformed tags, and that the
check cannot be raced: a write that slips in between the check and the save still wins a 412."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.core.api.etags import parse_if_match
from passerelle.core.models import Source
from passerelle.core.testcases import (
    api_client,
    change_records,
    last_change_id,
    read_etag,
    someone_writes_after_the_check,
)
from passerelle.core.testing import make_source, make_user

pytestmark = pytest.mark.django_db


def test_if_match_parsing() -> None:
    assert parse_if_match("*") == []
    assert parse_if_match(' "a-1-v2" ') == [(False, "a-1-v2")]
    assert parse_if_match('"a", W/"b"') == [(False, "a"), (True, "b")]
    for malformed in ("a-1-v2", '"a', '"a" "b"', ",", '"a",,'):
        assert parse_if_match(malformed) is None, malformed


@pytest.fixture
def source_url() -> str:
    return f"/api/v1/core/sources/{make_source().pk}/"


@pytest.fixture
def client() -> Any:
    return api_client(make_user(role="analyst"))


def test_etag_names_the_record_and_its_state(client: Any, source_url: str) -> None:
    source = Source.objects.get()
    assert read_etag(client, source_url).startswith(f'"core.source-{source.pk}-t')


@pytest.mark.parametrize("header", ['W/"{etag}"', "garbage", '"core.source-1-v1"', '"x", "y"'])
def test_weak_malformed_or_foreign_tags_fail(client: Any, source_url: str, header: str) -> None:
    etag = read_etag(client, source_url).strip('"')
    response = client.patch(
        source_url, {"title_fr": "x"}, format="json", HTTP_IF_MATCH=header.format(etag=etag)
    )
    assert response.status_code == 412
    assert response.json()["current_etag"] == f'"{etag}"'
    assert Source.objects.get().title_fr != "x"


def test_any_of_several_tags_and_star_match(client: Any, source_url: str) -> None:
    etag = read_etag(client, source_url)
    listed = client.patch(
        source_url, {"title_fr": "a"}, format="json", HTTP_IF_MATCH=f'"old", {etag}'
    )
    assert listed.status_code == 200
    star = client.patch(source_url, {"title_fr": "b"}, format="json", HTTP_IF_MATCH="*")
    assert star.status_code == 200
    assert Source.objects.get().title_fr == "b"
    assert client.delete(source_url, HTTP_IF_MATCH="*").status_code == 204


def test_a_write_between_check_and_save_is_refused(
    client: Any, source_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-then-compare alone would let this write through and lose the other one."""
    someone_writes_after_the_check(monkeypatch, edition_en="someone else's")
    since = last_change_id()
    patch = client.patch(
        source_url, {"title_fr": "mine"}, format="json", HTTP_IF_MATCH=read_etag(client, source_url)
    )
    delete = client.delete(source_url, HTTP_IF_MATCH=read_etag(client, source_url))
    for response in (patch, delete):
        assert response.status_code == 412
        assert "changed by someone else" in response.json()["detail"]
    source = Source.objects.get()
    assert source.title_fr != "mine"
    assert source.edition_en == "someone else's"
    updates = change_records(source, "update", after=since)
    assert updates and all((r.after or {}).get("title_fr") != "mine" for r in updates)
    assert not change_records(source, "delete", after=since)
