"""A snapshot restores exactly what its unit of work wrote, the search index included."""

import pytest

from passerelle.core.models import ChangeRecord
from passerelle.core.search.services import search
from passerelle.core.snapshot import capture, restore
from passerelle.core.testing import make_user
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import Forum
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


def test_a_snapshot_is_rolled_back_then_restored_as_written():
    existing = make_country(name_en="Before")
    records = ChangeRecord.objects.count()

    def work() -> None:
        make_forum(slug="rcm", name_en="Regional Conference on Migration", name_fr="Conférence")
        existing.name_en = "After"
        existing.save()

    snapshot = capture(work)
    assert not Forum.objects.exists()
    existing.refresh_from_db()
    assert existing.name_en == "Before"
    assert ChangeRecord.objects.count() == records

    restore(snapshot)
    forum = Forum.objects.get(slug="rcm")
    existing.refresh_from_db()
    assert existing.name_en == "After"
    assert ChangeRecord.objects.count() == records + 2
    found = search(make_user(role="viewer"), "regional conference", language="en")
    assert [hit.title for hit in found.hits] == ["Regional Conference on Migration"]
    assert make_forum().pk > forum.pk  # the key sequence moved past the restored rows
