"""The binders' declared pages and API: the generic tests (CRUD × role × clearance × change
log) for a binder and for a part (whose page is its binder's, and whose form is its edit)."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from passerelle.briefs.models import Binder, BinderPart
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import APICRUDTests, PageReadTests, api_client

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
    factory = make_binder
    change = {"title_en": "Visit to Mexico City"}

    def create_data(self) -> dict[str, Any]:
        return {"title_en": "Visit to Mexico", "title_fr": "Visite au Mexique",
                "classification": "0"}  # fmt: skip

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.change, "classification": "0"}

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
    factory = make_binder
    create_data: ClassVar[dict[str, Any]] = {"title_en": "Visit to Mexico"}
    update_data: ClassVar[dict[str, Any]] = {"title_fr": "Visite au Mexique"}


def test_the_api_adds_a_part_of_a_known_kind_about_a_subject_the_writer_may_see(
    analyst: Any,
) -> None:
    """(A part's other API behaviour is the generic viewset's, tested with the binder's.)"""
    client = api_client(analyst)
    binder = make_binder()
    note = client.post(
        "/api/v1/briefs/binder-parts/", {"binder": binder.pk, "kind": "note", "title_en": "Day 1"}
    )
    assert note.status_code == 201 and binder.parts.get().title_en == "Day 1"
    unknown = client.post("/api/v1/briefs/binder-parts/", {"binder": binder.pk, "kind": "x"})
    assert unknown.status_code == 400 and "kind" in unknown.json()
    nowhere = client.post(
        "/api/v1/briefs/binder-parts/", {"binder": binder.pk, "kind": "country", "subject": "ZZZ"}
    )
    assert nowhere.status_code == 400 and "subject" in nowhere.json()
