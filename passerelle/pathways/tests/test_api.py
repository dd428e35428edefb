"""The pathways' API: the generic read and CRUD tests (core/testcases.py) as a coordinator,
and the models' checks answered as 400s naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from passerelle.core.testcases import APICRUDTests, api_client
from passerelle.core.testing import make_source, make_user
from passerelle.pathways.models import Pathway, ProgressFigure
from passerelle.pathways.tests.factories import make_figure, make_pathway

pytestmark = pytest.mark.django_db


class TestPathwayAPI(APICRUDTests):
    model = Pathway
    list_url = "/api/v1/pathways/pathways/"
    factory = make_pathway
    lookup_field = "slug"
    edit_role = "coordinator"
    create_data = {
        "slug": "api-measure",
        "crisis_en": "A crisis",
        "crisis_fr": "Une crise",
        "name_en": "A measure",
        "name_fr": "Une mesure",
        "kind": "permanent_residence",
        "program_codes": "sudan_family_pr",
    }
    update_data = {"name_en": "Renamed"}


class TestProgressAPI(APICRUDTests):
    model = ProgressFigure
    list_url = "/api/v1/pathways/progress/"
    edit_role = "coordinator"
    create_data = {
        "pathway": "api-progress-measure",
        "stage": "received",
        "value": 1200,
        "unit": "applications",
        "as_of": "2024-02-01",
        "source": "api-progress-source",
    }
    update_data = {"value": 1300}

    @pytest.fixture(autouse=True)
    def _pathway(self, db: None) -> Iterator[None]:
        self.pathway = make_pathway(slug="api-progress-measure")
        self.source = make_source(key="api-progress-source")
        yield

    def make(self, **fields: Any) -> ProgressFigure:
        return make_figure(pathway=self.pathway, source=self.source, **fields)


def test_a_figure_without_source_or_above_an_earlier_stage_is_a_400() -> None:
    pathway = make_pathway()
    source = make_source()
    make_figure(pathway=pathway, source=source, stage="received", value=100)
    client = api_client(make_user(role="coordinator"))
    base = {
        "pathway": pathway.slug,
        "stage": "approved",
        "unit": "applications",
        "as_of": "2024-03-01",
    }
    no_source = client.post("/api/v1/pathways/progress/", {**base, "value": 50}, format="json")
    assert no_source.status_code == 400 and "source" in no_source.json()
    above = client.post(
        "/api/v1/pathways/progress/", {**base, "value": 500, "source": source.key}, format="json"
    )
    assert above.status_code == 400 and "value" in above.json()
    assert ProgressFigure.objects.count() == 1


def test_a_measure_answers_its_status(reference_data: None) -> None:
    client = api_client(make_user(role="viewer"))
    answer = client.get("/api/v1/pathways/pathways/gaza-temporary-resident-pathway/").json()
    assert answer["status"]["status"] == "closed"
    assert answer["countries"] == ["PSE"]
