"""The generic add, edit, delete and history tests (core/pagetests.py) for the pathways'
declared pages, as a coordinator."""

from __future__ import annotations

from typing import Any, ClassVar

from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testing import make_source
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure
from passerelle.pathways.tests.factories import (
    make_commitment,
    make_event,
    make_figure,
    make_pathway,
)


class TestPathwayPages(PageCRUDTests):
    model = Pathway
    list_url = "/pathways/"
    lookup_field = "slug"
    factory = make_pathway
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

    def shown(self, instance: Any) -> str:
        return instance.name_en


class _OfMeasure:
    """What the pages of a measure's records share (a mixin: the declarations test reads every
    PageReadTests subclass as one model's tests): each record is made under one measure and its
    form is `fields` with its measure and a source."""

    edit_role = "coordinator"
    fields: ClassVar[dict[str, str]]

    def setup_method(self) -> None:
        self._pathway: Pathway | None = None

    def pathway(self) -> Pathway:
        if self._pathway is None:
            self._pathway = make_pathway()
        return self._pathway

    def create_data(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway().pk,
            **self.fields,
            "source": make_source().pk,
            "classification": "0",
        }

    def shown(self, instance: Any) -> str:
        return str(instance.source.title_en)


class TestProgressPages(_OfMeasure, PageCRUDTests):
    model = ProgressFigure
    list_url = "/pathways/progress/"
    changed_field = "value"
    fields = {"stage": "received", "value": "1200", "unit": "applications", "as_of": "2024-02-01"}

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "pathway": instance.pathway_id, "value": "1300"}

    def make(self, **fields: Any) -> ProgressFigure:
        return make_figure(pathway=self.pathway(), **fields)


class TestCommitmentPages(_OfMeasure, PageCRUDTests):
    model = Commitment
    list_url = "/pathways/commitments/"
    changed_field = "target"
    fields = {
        "key": "new-cap",
        "kind": "intake_cap",
        "label_en": "Applications accepted",
        "label_fr": "Demandes acceptées",
        "target": "1000",
        "unit": "applications",
        "stage": "accepted",
        "effective": "2024-01-09",
    }

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {
            **self.create_data(),
            "pathway": instance.pathway_id,
            "key": instance.key,
            "effective": instance.effective.isoformat(),
            "target": "5000",
        }

    def make(self, **fields: Any) -> Commitment:
        return make_commitment(pathway=self.pathway(), **fields)


class TestEventPages(_OfMeasure, PageCRUDTests):
    model = PathwayEvent
    list_url = "/pathways/events/"
    changed_field = "description_en"
    fields = {
        "kind": "opened",
        "date": "2024-01-09",
        "description_en": "Opened.",
        "description_fr": "Ouverte.",
    }

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "pathway": instance.pathway_id, "description_en": "Open."}

    def make(self, **fields: Any) -> PathwayEvent:
        return make_event(pathway=self.pathway(), **fields)
