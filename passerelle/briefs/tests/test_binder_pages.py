"""The binders' declared pages and API: the generic tests (CRUD × role × clearance × change
log) for a binder and for a part (whose page is its binder's, and whose form is its edit)."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.db import models

from passerelle.briefs.models import Binder, BinderPart
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import APICRUDTests, PageReadTests

pytestmark = pytest.mark.django_db


def make_binder(**fields: Any) -> Binder:
    return Binder.objects.create(**{"title_en": "Visit to Mexico", **fields})


def make_part(**fields: Any) -> BinderPart:
    binder = fields.pop("binder", None) or make_binder()
    values = {"kind": "note", "title_en": "Scenario note", "text_en": "Day 1.", **fields}
    return BinderPart.objects.create(binder=binder, **values)


class TestBinderPages(PageCRUDTests):
    model = Binder
    list_url = "/briefs/binders/"
    changed_field = "title_en"

    def create_data(self) -> dict[str, Any]:
        return {"title_en": "Visit to Mexico", "title_fr": "Visite au Mexique",
                "classification": "0"}  # fmt: skip

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {"title_en": "Visit to Mexico City", "classification": "0"}

    def make(self, **fields: Any) -> Binder:
        return make_binder(**fields)

    def detail_path(self, instance: Any) -> str:
        return f"/briefs/binders/{instance.pk}/"

    def shown(self, instance: Any) -> str:
        return instance.title_en


class TestBinderPartPages(PageReadTests):
    """A part is listed on its binder's page; its own page is its form (analysts')."""

    model = BinderPart
    view_role = "analyst"
    binder: Binder | None = None

    @property
    def list_url(self) -> str:  # type: ignore[override]
        assert self.binder is not None
        return f"/briefs/binders/{self.binder.pk}/"

    def make(self, **fields: Any) -> BinderPart:
        self.binder = self.binder or make_binder()
        return make_part(binder=self.binder, **fields)

    def detail_path(self, instance: Any) -> str:
        return f"/briefs/binders/parts/{instance.pk}/edit/"

    def shown(self, instance: Any) -> str:
        return instance.title_en


class TestBinderAPI(APICRUDTests):
    model = Binder
    list_url = "/api/v1/briefs/binders/"
    create_data: ClassVar[dict[str, Any]] = {"title_en": "Visit to Mexico"}
    update_data: ClassVar[dict[str, Any]] = {"title_fr": "Visite au Mexique"}

    def make(self, **fields: Any) -> models.Model:
        return make_binder(**fields)


class TestBinderPartAPI(APICRUDTests):
    model = BinderPart
    list_url = "/api/v1/briefs/binder-parts/"
    update_data: ClassVar[dict[str, Any]] = {"title_fr": "Note de scénario"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {"binder": make_binder().pk, "kind": "note", "title_en": "Scenario note"}

    def make(self, **fields: Any) -> models.Model:
        return make_part(**fields)


def test_a_part_of_an_unknown_kind_or_an_unseen_subject_is_refused(analyst: Any) -> None:
    from passerelle.core.testcases import api_client

    client = api_client(analyst)
    binder = make_binder()
    unknown = client.post("/api/v1/briefs/binder-parts/", {"binder": binder.pk, "kind": "x"})
    assert unknown.status_code == 400 and "kind" in unknown.json()
    nowhere = client.post(
        "/api/v1/briefs/binder-parts/", {"binder": binder.pk, "kind": "country", "subject": "ZZZ"}
    )
    assert nowhere.status_code == 400 and "subject" in nowhere.json()
