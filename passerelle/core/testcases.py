"""Generic API tests: any model's create/read/update/delete × permission × clearance × change
record, for a few lines of data (NetBox's `APIViewTestCases`, STYLE.md).

Subclass `APIReadTests` (read-only endpoints) or `APICRUDTests`, and give:

    model = Source
    list_url = "/api/v1/core/sources/"
    lookup_field = "pk"                 # the attribute in the detail URL
    edit_role = "analyst"               # a role that may add, change and delete
    factory = make_source               # a keyword-only factory of saved instances
    create_data = {...}                 # a valid POST body
    update_data = {...}                 # a valid PATCH body

Every test also runs the records through clearance: a Protected B record is invisible (404) to a
user cleared only to Unclassified, whatever their role. `APICRUDTests` also checks the
no-lost-update rule: writes carry the ETag read by a GET in If-Match (428 without it, 412 when it
is stale, and a stale write changes nothing and logs nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import escape
from rest_framework.test import APIClient

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.testing import make_user


def api_client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def read_etag(client: APIClient, url: str) -> str:
    """The ETag of the record at `url`, as a client reads it before writing."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    etag: str = response["ETag"]
    return etag


def change_records(instance: models.Model, action: str, *, after: int = 0) -> list[ChangeRecord]:
    """The record's change records of `action`, those with an id above `after` if given (a
    factory that sets many-to-many links has already written updates of its own)."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return list(
        ChangeRecord.objects.filter(
            content_type=content_type, object_id=str(instance.pk), action=action, pk__gt=after
        )
    )


def last_change_id() -> int:
    """The id of the latest change record, to find those written after it."""
    return ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def someone_writes_after_the_check(monkeypatch: pytest.MonkeyPatch, **changes: Any) -> None:
    """Have another writer save `changes` to the record between the API's If-Match check and
    its save: the race that read-then-compare alone would lose and the version must refuse."""
    from passerelle.core.api import viewsets as core_api

    check = core_api.check_if_match

    def check_then_someone_writes(request: Any, instance: Any) -> Any:
        expected = check(request, instance)
        other = type(instance)._default_manager.get(pk=instance.pk)
        for name, value in changes.items():
            setattr(other, name, value)
        other.save()
        return expected

    monkeypatch.setattr(core_api, "check_if_match", check_then_someone_writes)


class RecordTests:
    """What the API and page tests declare of a model: its list's address, how a record is made
    (`factory`, or a `make()` method), and which field names a record after the list's address."""

    model: ClassVar[type[models.Model]]
    list_url: ClassVar[str]
    lookup_field: ClassVar[str] = "pk"
    view_role: ClassVar[str] = "viewer"
    factory: ClassVar[Callable[..., models.Model]]

    def make(self, **fields: Any) -> models.Model:
        """A saved instance: `factory`'s, unless a subclass makes it another way."""
        return type(self).factory(**fields)

    def record_path(self, instance: models.Model) -> str:
        return f"{self.list_url}{getattr(instance, self.lookup_field)}/"


@pytest.mark.django_db
class APIReadTests(RecordTests):
    def detail_url(self, instance: models.Model) -> str:
        return self.record_path(instance)

    @property
    def classified(self) -> bool:
        return any(f.name == "classification" for f in self.model._meta.concrete_fields)

    def test_anonymous_is_refused(self) -> None:
        instance = self.make()
        assert api_client(None).get(self.list_url).status_code in (401, 403)
        assert api_client(None).get(self.detail_url(instance)).status_code in (401, 403)

    def test_user_without_role_is_refused(self) -> None:
        instance = self.make()
        user = make_user(role=None)
        assert api_client(user).get(self.list_url).status_code == 403
        assert api_client(user).get(self.detail_url(instance)).status_code == 403

    def test_role_reads_list_and_detail(self) -> None:
        instance = self.make()
        client = api_client(make_user(role=self.view_role))
        listing = client.get(self.list_url)
        assert listing.status_code == 200
        ids = [row["id"] for row in listing.json()["results"]]
        assert instance.pk in ids
        assert client.get(self.detail_url(instance)).status_code == 200

    def test_records_above_clearance_are_invisible(self) -> None:
        if not self.classified:
            pytest.skip(f"{self.model.__name__} has no classification")
        secret = self.make(classification=Classification.PROTECTED_B)
        client = api_client(make_user(role=self.view_role, clearance=Classification.UNCLASSIFIED))
        ids = [row["id"] for row in client.get(self.list_url).json()["results"]]
        assert secret.pk not in ids
        assert client.get(self.detail_url(secret)).status_code == 404
        cleared = api_client(make_user(role=self.view_role, clearance=Classification.PROTECTED_B))
        assert cleared.get(self.detail_url(secret)).status_code == 200


class APICRUDTests(APIReadTests):
    edit_role: ClassVar[str] = "analyst"
    create_data: ClassVar[dict[str, Any]]
    update_data: ClassVar[dict[str, Any]]

    def editor(self, clearance: int = Classification.PROTECTED_B) -> User:
        return make_user(role=self.edit_role, clearance=clearance)

    def test_create_needs_permission(self) -> None:
        response = api_client(make_user(role="viewer")).post(
            self.list_url, self.create_data, format="json"
        )
        assert response.status_code == 403
        assert not self.model._default_manager.exists()

    def test_create_writes_change_record(self) -> None:
        editor = self.editor()
        response = api_client(editor).post(self.list_url, self.create_data, format="json")
        assert response.status_code == 201, response.json()
        instance = self.model._default_manager.get(pk=response.json()["id"])
        [record] = change_records(instance, "create")
        assert record.user == editor
        assert record.actor == "api"
        assert record.before is None
        assert record.after is not None

    def test_create_above_own_clearance_is_refused(self) -> None:
        if not self.classified:
            pytest.skip(f"{self.model.__name__} has no classification")
        data = {**self.create_data, "classification": Classification.PROTECTED_B}
        response = api_client(self.editor(Classification.UNCLASSIFIED)).post(
            self.list_url, data, format="json"
        )
        assert response.status_code == 400
        assert "classification" in response.json()

    def test_update_needs_permission(self) -> None:
        instance = self.make()
        since = last_change_id()
        response = api_client(make_user(role="viewer")).patch(
            self.detail_url(instance), self.update_data, format="json"
        )
        assert response.status_code == 403
        assert not change_records(instance, "update", after=since)

    def test_update_writes_before_and_after(self) -> None:
        instance = self.make()
        editor = self.editor()
        client = api_client(editor)
        etag = read_etag(client, self.detail_url(instance))
        since = last_change_id()
        response = client.patch(
            self.detail_url(instance), self.update_data, format="json", HTTP_IF_MATCH=etag
        )
        assert response.status_code == 200, response.json()
        [record] = change_records(instance, "update", after=since)
        assert record.user == editor
        sent = set(self.update_data)
        missing = sent - set(record.changed_fields())
        assert not missing, f"the change record does not show the change of {sorted(missing)}"
        answered = response.json()
        for field in sent:
            assert record.after[field] == answered[field], field  # type: ignore[index]

    def test_update_above_clearance_is_not_found(self) -> None:
        if not self.classified:
            pytest.skip(f"{self.model.__name__} has no classification")
        secret = self.make(classification=Classification.PROTECTED_B)
        response = api_client(self.editor(Classification.UNCLASSIFIED)).patch(
            self.detail_url(secret), self.update_data, format="json"
        )
        assert response.status_code == 404

    def test_delete_needs_permission(self) -> None:
        instance = self.make()
        response = api_client(make_user(role="viewer")).delete(self.detail_url(instance))
        assert response.status_code == 403
        assert self.model._default_manager.filter(pk=instance.pk).exists()

    def test_delete_writes_change_record(self) -> None:
        instance = self.make()
        pk = instance.pk
        client = api_client(self.editor())
        etag = read_etag(client, self.detail_url(instance))
        response = client.delete(self.detail_url(instance), HTTP_IF_MATCH=etag)
        assert response.status_code == 204
        assert not self.model._default_manager.filter(pk=pk).exists()
        instance.pk = pk
        [record] = change_records(instance, "delete")
        assert record.before is not None
        assert record.after is None

    # --- No lost update: ETag and If-Match ---------------------------------------------------

    def test_detail_and_writes_answer_a_strong_etag(self) -> None:
        client = api_client(self.editor())
        created = client.post(self.list_url, self.create_data, format="json")
        assert created.status_code == 201, created.json()
        instance = self.model._default_manager.get(pk=created.json()["id"])
        etag = created["ETag"]
        assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
        assert read_etag(client, self.detail_url(instance)) == etag
        assert "ETag" not in client.get(self.list_url)

    def test_writes_without_if_match_are_refused_with_428(self) -> None:
        instance = self.make()
        client = api_client(self.editor())
        url = self.detail_url(instance)
        since = last_change_id()
        for response in (
            client.patch(url, self.update_data, format="json"),
            client.put(url, client.get(url).json(), format="json"),
            client.delete(url),
        ):
            assert response.status_code == 428
            assert "If-Match" in response.json()["detail"]
        assert self.model._default_manager.filter(pk=instance.pk).exists()
        assert not change_records(instance, "update", after=since)

    def test_stale_if_match_is_refused_with_412_and_changes_nothing(self) -> None:
        instance = self.make()
        client = api_client(self.editor())
        url = self.detail_url(instance)
        stale = read_etag(client, url)
        instance.save()  # someone else's write since the client read the record
        current = read_etag(client, url)
        assert current != stale
        before = client.get(url).json()
        since = last_change_id()
        response = client.patch(url, self.update_data, format="json", HTTP_IF_MATCH=stale)
        assert response.status_code == 412
        assert response.json()["current_etag"] == current
        assert response["ETag"] == current
        assert client.delete(url, HTTP_IF_MATCH=stale).status_code == 412
        assert client.get(url).json() == before
        assert not change_records(instance, "update", after=since)
        assert not change_records(instance, "delete")

    def test_current_if_match_updates_and_answers_the_new_etag(self) -> None:
        instance = self.make()
        client = api_client(self.editor())
        url = self.detail_url(instance)
        etag = read_etag(client, url)
        response = client.patch(url, self.update_data, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 200, response.json()
        assert response["ETag"] != etag
        assert response["ETag"] == read_etag(client, url)
        again = client.patch(url, self.update_data, format="json", HTTP_IF_MATCH=etag)
        assert again.status_code == 412, "an ETag is good for one write only"

    def test_two_clients_editing_the_same_version_one_wins_the_other_is_told(self) -> None:
        instance = self.make()
        url = self.detail_url(instance)
        winner, loser = self.editor(), self.editor()
        first, second = api_client(winner), api_client(loser)
        etag_first, etag_second = read_etag(first, url), read_etag(second, url)
        since = last_change_id()
        assert etag_first == etag_second
        won = first.patch(url, self.update_data, format="json", HTTP_IF_MATCH=etag_first)
        lost = second.patch(url, self.update_data, format="json", HTTP_IF_MATCH=etag_second)
        assert won.status_code == 200, won.json()
        assert lost.status_code == 412
        assert lost.json()["current_etag"] == won["ETag"]
        [record] = change_records(instance, "update", after=since)
        assert record.user == winner
        # The loser, told, reads again and reapplies: its change is not lost either.
        retried = second.patch(
            url, self.update_data, format="json", HTTP_IF_MATCH=lost.json()["current_etag"]
        )
        assert retried.status_code == 200


@pytest.mark.django_db
class PageReadTests(RecordTests):
    """Generic tests for a model's list and detail pages, in both languages.

    Give `model`, `list_url` (without the language prefix, e.g. "/geo/"), `factory` (or a
    `make()` method), and `lookup_field` where a record's page is not at the list's address plus
    its id (e.g. "iso_alpha3" for "/geo/CAN/"), or `detail_path(instance)` where it is elsewhere.
    """

    def detail_path(self, instance: models.Model) -> str:
        return self.record_path(instance)

    def shown(self, instance: models.Model) -> str:
        """The text the list page shows for the record (its name, its title): what must be
        missing from the list of a reader not cleared to see it."""
        return str(instance)

    def client_for(self, **user_fields: Any) -> Any:
        from passerelle.core.testing import signed_in_client

        return signed_in_client(make_user(**user_fields))

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_pages_render_in_both_languages(self, language: str) -> None:
        instance = self.make()
        client = self.client_for(role=self.view_role)
        for path in (self.list_url, self.detail_path(instance)):
            response = client.get(f"/{language}{path}")
            assert response.status_code == 200, path
            assert f'<html lang="{language}"'.encode() in response.content

    def test_anonymous_users_are_sent_to_sign_in(self) -> None:
        from django.test import Client

        instance = self.make()
        for path in (self.list_url, self.detail_path(instance)):
            response = Client().get(f"/en{path}")
            assert response.status_code == 302
            assert "/sign-in/" in response["Location"]

    def test_records_above_clearance_are_not_found_by_page_or_id(self) -> None:
        if not any(f.name == "classification" for f in self.model._meta.concrete_fields):
            pytest.skip(f"{self.model.__name__} has no classification")
        secret = self.make(classification=Classification.PROTECTED_B)
        low = self.client_for(role=self.view_role, clearance=Classification.UNCLASSIFIED)
        assert low.get(f"/en{self.detail_path(secret)}").status_code == 404
        name = escape(self.shown(secret)).encode()
        assert name not in low.get(f"/en{self.list_url}").content
        high = self.client_for(role=self.view_role, clearance=Classification.PROTECTED_B)
        assert name in high.get(f"/en{self.list_url}").content, "shown() is what the list shows"
        detail = high.get(f"/en{self.detail_path(secret)}")
        assert detail.status_code == 200
        assert b"Protected B" in detail.content, "the page is marked with what it shows"
