"""The generic add, edit, delete and history tests (core/pagetests.py) for the pathways'
declared pages, as a coordinator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db import models

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

    def shown(self, instance: Any) -> str:
        return instance.name_en


class _OfMeasure:
    """What the pages of a measure's records share (a mixin: the declarations test reads every
    PageReadTests subclass as one model's tests): each record is made by `factory` under one
    measure (the one its form names) and its form is `fields` with its measure and a source."""

    edit_role = "coordinator"
    factory: ClassVar[Callable[..., models.Model]]
    fields: ClassVar[dict[str, str]]

    def setup_method(self) -> None:
        self._pathway: Pathway | None = None

    def pathway(self) -> Pathway:
        if self._pathway is None:
            self._pathway = make_pathway()
        return self._pathway

    def make(self, **fields: Any) -> models.Model:
        return type(self).factory(pathway=self.pathway(), **fields)

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
    factory = make_figure
    change = {"value": "1300"}
    fields = {"stage": "received", "value": "1200", "unit": "applications", "as_of": "2024-02-01"}


class TestCommitmentPages(_OfMeasure, PageCRUDTests):
    model = Commitment
    list_url = "/pathways/commitments/"
    factory = make_commitment
    change = {"target": "5000"}
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
            "key": instance.key,
            "effective": instance.effective.isoformat(),
            **self.change,
        }


class TestEventPages(_OfMeasure, PageCRUDTests):
    model = PathwayEvent
    list_url = "/pathways/events/"
    factory = make_event
    change = {"description_en": "Open."}
    fields = {
        "kind": "opened",
        "date": "2024-01-09",
        "description_en": "Opened.",
        "description_fr": "Ouverte.",
    }
