"""The sources' declared pages: list (and CSV), a source's page with what cites it, history."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.core.models import Citation, Source
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


class TestSourcePages(PageReadTests):
    model = Source
    list_url = "/sources/"
    lookup_field = "key"
    factory = make_source

    def shown(self, instance: Any) -> str:
        return str(instance.title_en)


def test_a_source_links_the_records_that_cite_it_and_downloads_as_csv() -> None:
    source = make_source(key="unhcr-global-trends")
    forum = make_forum(slug="gfmd", name_en="Global Forum on Migration and Development")
    Citation.objects.create(source=source, cited=forum)
    client = signed_in_client(make_user(role="viewer"))
    page = client.get("/en/sources/unhcr-global-trends/").content.decode()
    assert '<a href="/en/partners/forums/gfmd/">' in page
    download = client.get("/en/sources/", {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    assert "unhcr-global-trends" in download.content.decode()
