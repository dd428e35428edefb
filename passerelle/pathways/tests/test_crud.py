"""The generic add, edit, delete and history tests (core/pagetests.py) for the pathways'
declared pages, as a coordinator."""

from __future__ import annotations

from typing import Any

from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testing import make_source
from passerelle.pathways.models import Pathway, ProgressFigure
from passerelle.pathways.tests.factories import make_figure, make_pathway


class TestPathwayPages(PageCRUDTests):
    model = Pathway
    list_url = "/pathways/"
    edit_role = "coordinator"

    def create_data(self) -> dict[str, Any]:
        return {
            "slug": "new-measure",
            "crisis_en": "A crisis",
            "crisis_fr": "Une crise",
            "name_en": "A measure",
            "name_fr": "Une mesure",
            "kind": "temporary_residence",
            "order": "0",
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "slug": instance.slug, "name_en": "Renamed"}

    def make(self, **fields: Any) -> Pathway:
        return make_pathway(**fields)

    def detail_path(self, instance: Any) -> str:
        return f"/pathways/{instance.slug}/"

    def shown(self, instance: Any) -> str:
        return instance.name_en


class TestProgressPages(PageCRUDTests):
    model = ProgressFigure
    list_url = "/pathways/progress/"
    edit_role = "coordinator"
    changed_field = "value"

    def setup_method(self) -> None:
        self._pathway: Pathway | None = None

    def pathway(self) -> Pathway:
        if self._pathway is None:
            self._pathway = make_pathway()
        return self._pathway

    def create_data(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway().pk,
            "stage": "received",
            "value": "1200",
            "unit": "applications",
            "as_of": "2024-02-01",
            "source": make_source().pk,
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "pathway": instance.pathway_id, "value": "1300"}

    def make(self, **fields: Any) -> ProgressFigure:
        return make_figure(pathway=self.pathway(), **fields)

    def detail_path(self, instance: Any) -> str:
        return f"/pathways/progress/{instance.pk}/"

    def shown(self, instance: Any) -> str:
        return instance.source.title_en
