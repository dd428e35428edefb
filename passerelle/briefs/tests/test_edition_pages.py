"""The approved editions' pages: their declared list (filtered as the API is, with its CSV) and
an edition's page."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.briefs.models import BriefEdition
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


class TestEditionPages(PageReadTests):
    """The approved editions' declared list and an edition's page, in both languages, within
    the reader's clearance (an edition is seen only with its subject)."""

    model = BriefEdition
    list_url = "/briefs/editions/"

    def make(self, **fields: Any) -> BriefEdition:
        values: dict[str, Any] = {
            "brief_kind": "fundamental", "language": "en", "number": 1,
            "title": "Fundamental brief QZX", "markdown": "# Fundamental brief",
            "released_by": make_user(role="analyst"),
        }  # fmt: skip
        values.update(fields)
        return BriefEdition.objects.create(**values)

    def shown(self, instance: Any) -> str:
        return str(instance.title)


def test_the_editions_list_filters_as_the_api_does() -> None:
    analyst = make_user(role="analyst")
    first = BriefEdition.objects.create(
        brief_kind="fundamental", language="en", number=1, title="Fundamental brief",
        markdown="#", released_by=analyst,
    )  # fmt: skip
    french = BriefEdition.objects.create(
        brief_kind="fundamental", language="fr", number=1, title="Note fondamentale",
        markdown="#", released_by=analyst,
    )  # fmt: skip
    client = signed_in_client(analyst)
    page = client.get("/en/briefs/editions/", {"language": "fr"}).content.decode()
    assert f"/briefs/editions/{french.pk}/" in page and f"/briefs/editions/{first.pk}/" not in page
    api = client.get("/api/v1/briefs/editions/", {"q": "fondamentale"}).json()
    assert [row["id"] for row in api["results"]] == [french.pk]
    csv = client.get("/en/briefs/editions/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Note fondamentale" in csv and "Fundamental brief" in csv
