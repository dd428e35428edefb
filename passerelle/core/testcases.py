"""Generic API tests: any model's create/read/update/delete × permission × clearance × change
record, for a few lines of data (NetBox's `APIViewTestCases`, STYLE.md).

Subclass `APIReadTests` (read-only endpoints) or `APICRUDTests`, and give:

    model = Source
    list_url = "/api/v1/core/sources/"
    lookup_field = "pk"                 # the attribute in the detail URL
    edit_role = "analyst"               # a role that may add, change and delete
    def make(self, **fields): ...       # a saved instance (keyword-only factory)
    create_data = {...}                 # a valid POST body
    update_data = {...}                 # a valid PATCH body

Every test also runs the records through clearance: a Protected B record is invisible (404) to a
user cleared only to Unclassified, whatever their role.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from rest_framework.test import APIClient

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.testing import make_user


def api_client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def change_records(instance: models.Model, action: str) -> list[ChangeRecord]:
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return list(
        ChangeRecord.objects.filter(
            content_type=content_type, object_id=str(instance.pk), action=action
        )
    )


@pytest.mark.django_db
class APIReadTests:
    model: ClassVar[type[models.Model]]
    list_url: ClassVar[str]
    lookup_field: ClassVar[str] = "pk"
    view_role: ClassVar[str] = "viewer"

    def make(self, **fields: Any) -> models.Model:
        raise NotImplementedError

    def detail_url(self, instance: models.Model) -> str:
        return f"{self.list_url}{getattr(instance, self.lookup_field)}/"

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
        response = api_client(make_user(role="viewer")).patch(
            self.detail_url(instance), self.update_data, format="json"
        )
        assert response.status_code == 403
        assert not change_records(instance, "update")

    def test_update_writes_before_and_after(self) -> None:
        instance = self.make()
        editor = self.editor()
        response = api_client(editor).patch(
            self.detail_url(instance), self.update_data, format="json"
        )
        assert response.status_code == 200, response.json()
        [record] = change_records(instance, "update")
        assert record.user == editor
        changed = set(record.changed_fields())
        assert changed, "an update must record what changed"
        for field in changed:
            assert record.after[field] != record.before[field]  # type: ignore[index]

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
        response = api_client(self.editor()).delete(self.detail_url(instance))
        assert response.status_code == 204
        assert not self.model._default_manager.filter(pk=pk).exists()
        instance.pk = pk
        [record] = change_records(instance, "delete")
        assert record.before is not None
        assert record.after is None


@pytest.mark.django_db
class PageReadTests:
    """Generic tests for a model's list and detail pages, in both languages.

    Give `model`, `list_url` (without the language prefix, e.g. "/geo/"), `make()`, and
    `detail_path(instance)` (e.g. f"/geo/{instance.iso_alpha3}/").
    """

    model: ClassVar[type[models.Model]]
    list_url: ClassVar[str]
    view_role: ClassVar[str] = "viewer"

    def make(self, **fields: Any) -> models.Model:
        raise NotImplementedError

    def detail_path(self, instance: models.Model) -> str:
        raise NotImplementedError

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
        assert str(secret).encode() not in low.get(f"/en{self.list_url}").content
        high = self.client_for(role=self.view_role, clearance=Classification.PROTECTED_B)
        detail = high.get(f"/en{self.detail_path(secret)}")
        assert detail.status_code == 200
        assert b"Protected B" in detail.content, "the page is marked with what it shows"
