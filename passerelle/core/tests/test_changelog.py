"""The change log is written on every write path and cannot be edited."""

from io import StringIO

import pytest
from django.core.management import call_command

from passerelle.core.changelog import change_context
from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, ChangeRecordIsImmutable, Fact, User
from passerelle.core.testcases import change_records
from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.geo.models import Country

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_recorded_with_before_and_after():
    source = make_source(title_en="World Migration Report")
    source.title_en = "World Migration Report 2022"
    source.save()
    pk = source.pk
    source.delete()
    source.pk = pk
    [created] = change_records(source, "create")
    [updated] = change_records(source, "update")
    [deleted] = change_records(source, "delete")
    assert created.before is None and created.after["title_en"] == "World Migration Report"
    assert updated.before["title_en"] == "World Migration Report"
    assert updated.after["title_en"] == "World Migration Report 2022"
    assert updated.changed_fields() == ["title_en"]
    assert deleted.before["title_en"] == "World Migration Report 2022" and deleted.after is None


def test_saving_without_a_change_writes_nothing():
    source = make_source()
    before = ChangeRecord.objects.count()
    source.save()
    assert ChangeRecord.objects.count() == before


def test_many_to_many_changes_are_recorded():
    fact = Fact.objects.create(key="mirps", section="capacity-building", title_en="MIRPS")
    mexico = Country.objects.create(
        iso_alpha2="MX", iso_alpha3="MEX", iso_numeric="484", name_en="Mexico", name_fr="Mexique"
    )
    fact.countries.add(mexico)
    [record] = change_records(fact, "update")
    assert record.before["countries"] == [] and record.after["countries"] == [mexico.pk]


def test_change_context_names_the_actor_and_user():
    analyst = make_user(role="analyst")
    with change_context(actor="import", user=analyst) as context:
        source = make_source()
    [record] = change_records(source, "create")
    assert (record.actor, record.user, record.request_id) == ("import", analyst, context.request_id)
    assert record.user_name == analyst.username


def test_outside_any_context_the_process_is_the_actor():
    [record] = change_records(make_source(), "create")
    assert record.actor.startswith("system:")
    assert record.user is None


def test_commands_are_recorded_as_commands():
    out = StringIO()
    call_command("create-demo-admin", username="demo", stdout=out)
    user = User.objects.get(username="demo")
    [record] = change_records(user, "create")
    assert record.actor == "command:create-demo-admin"


def test_web_writes_are_attributed_to_the_signed_in_user():
    user = make_user(role="viewer")
    client = signed_in_client(user, acknowledged=False)
    response = client.post("/en/notice/", {"next": "/en/"})
    assert response.status_code == 302
    [record] = [r for r in change_records(user, "update") if r.actor == "web"]
    assert record.user == user
    assert record.changed_fields() == ["notice_acknowledged_at"]
    assert str(record.request_id) == response["X-Request-ID"]


def test_secrets_are_never_logged():
    user = make_user(role=None)
    [record] = change_records(user, "create")
    assert "password" not in record.after
    user.set_password("another long passphrase")
    user.save()
    assert not change_records(user, "update"), "a password change is not copied into the log"


def test_record_carries_the_classification_of_what_it_shows():
    source = make_source(classification=Classification.PROTECTED_A)
    source.classification = Classification.UNCLASSIFIED
    source.save()
    [record] = change_records(source, "update")
    assert record.classification == Classification.PROTECTED_A


def test_change_records_cannot_be_edited_or_deleted():
    [record] = change_records(make_source(), "create")
    record.actor = "forged"
    with pytest.raises(ChangeRecordIsImmutable):
        record.save()
    with pytest.raises(ChangeRecordIsImmutable):
        record.delete()
    with pytest.raises(ChangeRecordIsImmutable):
        ChangeRecord.objects.filter(pk=record.pk).update(actor="forged")
    with pytest.raises(ChangeRecordIsImmutable):
        ChangeRecord.objects.all().delete()
    # Nor through the base manager Django itself uses.
    with pytest.raises(ChangeRecordIsImmutable):
        ChangeRecord._base_manager.filter(pk=record.pk).update(actor="forged")
    with pytest.raises(ChangeRecordIsImmutable):
        ChangeRecord._base_manager.all().delete()


def test_links_changed_from_the_other_side_are_recorded():
    fact = Fact.objects.create(key="rcm", section="engagement", title_en="RCM")
    mexico = Country.objects.create(
        iso_alpha2="MX", iso_alpha3="MEX", iso_numeric="484", name_en="Mexico", name_fr="Mexique"
    )
    mexico.facts.add(fact)
    records = change_records(fact, "update")
    assert [(r.before["countries"], r.after["countries"]) for r in records] == [([], [mexico.pk])]


def test_links_cleared_from_the_other_side_are_recorded():
    fact = Fact.objects.create(key="rcm", section="engagement", title_en="RCM")
    mexico = Country.objects.create(
        iso_alpha2="MX", iso_alpha3="MEX", iso_numeric="484", name_en="Mexico", name_fr="Mexique"
    )
    fact.countries.add(mexico)
    mexico.facts.clear()
    [_added, cleared] = sorted(change_records(fact, "update"), key=lambda r: r.pk)
    assert (cleared.before["countries"], cleared.after["countries"]) == ([mexico.pk], [])
