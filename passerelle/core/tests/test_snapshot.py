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


def test_a_restore_follows_content_types_that_a_flush_renumbered():
    """A test that commits flushes the database, and Django creates the content types again in
    an order of its own: the change records of a snapshot taken before must name the same models
    after."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    snapshot = capture(lambda: make_forum(slug="gfmd", name_en="GFMD", name_fr="FMMD"))
    old = ContentType.objects.get_for_model(Forum)
    ContentType.objects.filter(pk=old.pk).update(model="forum-before")
    new = ContentType.objects.create(pk=old.pk + 1000, app_label="partners", model="forum")
    Permission.objects.filter(content_type_id=old.pk).update(content_type_id=new.pk)
    ContentType.objects.filter(pk=old.pk).delete()
    ContentType.objects.clear_cache()

    restore(snapshot)
    forum = Forum.objects.get(slug="gfmd")
    [record] = ChangeRecord.objects.filter(object_id=str(forum.pk), content_type=new)
    assert record.content_type.model_class() is Forum
