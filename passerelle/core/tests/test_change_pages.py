"""The change log's declared pages: list (filters from the FilterSet, CSV) and one change's page,
read as the change log's reader; a record's history in the same table."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from passerelle.core.csv import read_marked_csv
from passerelle.core.models import ChangeRecord, Source
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_source, make_user, signed_in_client

pytestmark = pytest.mark.django_db


def creation_of(source: Source) -> ChangeRecord:
    content_type = ContentType.objects.get_for_model(Source)
    found = ChangeRecord.every.filter(content_type=content_type, object_id=str(source.pk))
    return found.get(action=ChangeRecord.Action.CREATE)


class TestChangeRecordPages(PageReadTests):
    model = ChangeRecord
    list_url = "/changes/"
    view_role = "analyst"

    def make(self, **fields: Any) -> ChangeRecord:
        return creation_of(make_source(**fields))

    def shown(self, instance: Any) -> str:
        return str(Source.objects.get(pk=instance.object_id).title_en)


def test_the_change_log_filters_by_kind_and_downloads_as_csv() -> None:
    source = make_source(title_en="A release of record")
    client = signed_in_client(make_user(role="analyst"))
    page = client.get("/en/changes/", {"model": "core.source", "action": "create"})
    content = page.content.decode()
    assert f'href="/en/changes/{creation_of(source).pk}/"' in content
    assert f'<a href="/en/sources/{source.key}/">{source}</a>' in content  # through the reader
    rows = read_marked_csv(client.get("/en/changes/", {"format": "csv"}).content.decode())
    row = next(row for row in rows if row["Record"] == str(source))
    assert (row["Kind of record"], row["Action"], row["Classification"]) == (
        "Source",
        "Created",
        "Unclassified",
    )
    unknown = client.get("/en/changes/", {"model": "core.nothing"})
    assert unknown.status_code == 200 and "A release of record" not in unknown.content.decode()


def test_a_history_lists_its_changes_by_field_label() -> None:
    source = make_source(title_en="Before")
    source.title_en = "After"
    source.save()
    client = signed_in_client(make_user(role="administrator"))
    history = client.get(f"/en/sources/{source.key}/history/").content.decode()
    label = str(Source._meta.get_field("title_en").verbose_name)
    assert "<td>Updated</td>" in history and label[:1].upper() + label[1:] in history


def test_the_api_filters_with_the_same_set_and_refuses_no_value() -> None:
    from passerelle.core.testcases import api_client

    source = make_source()
    client = api_client(make_user(role="analyst"))
    nobody = client.get("/api/v1/core/changes/", {"actor": "nobody"})
    assert nobody.status_code == 200 and nobody.json()["count"] == 0
    found = client.get(
        "/api/v1/core/changes/", {"object_id": str(source.pk), "model": "core.source"}
    )
    assert [change["object_id"] for change in found.json()["results"]] == [str(source.pk)]
