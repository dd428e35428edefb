"""Bad input is refused with a clear error and nothing written: through the edit pages (a
coordinator's form), and the model checks the API and the reference loader share."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.pathways.models import Commitment, ProgressFigure
from passerelle.pathways.tests.factories import make_commitment, make_figure, make_pathway

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> Client:
    return signed_in_client(make_user(role="coordinator"))


def _figure_post(pathway: Any, source: Any, **fields: Any) -> dict[str, Any]:
    data = {
        "pathway": pathway.pk,
        "stage": "approved",
        "value": "500",
        "unit": "applications",
        "as_of": "2024-03-01",
        "source": source.pk if source else "",
        "classification": "0",
    }
    data.update(fields)
    return data


def test_a_later_stage_above_an_earlier_one_the_same_day_is_flagged(coordinator: Client) -> None:
    pathway = make_pathway()
    received = make_figure(pathway=pathway, stage="received", value=300)
    response = coordinator.post(
        "/en/pathways/progress/add/", _figure_post(pathway, received.source)
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Approved (500) cannot be above Applications received (300)" in text
    assert ProgressFigure.objects.count() == 1


def test_the_same_stages_on_different_days_are_not_compared(coordinator: Client) -> None:
    pathway = make_pathway()
    received = make_figure(pathway=pathway, stage="received", value=300)
    data = _figure_post(pathway, received.source, as_of="2024-06-01")
    assert coordinator.post("/en/pathways/progress/add/", data).status_code == 302


def test_an_earlier_stage_below_a_later_one_is_flagged_too() -> None:
    pathway = make_pathway()
    make_figure(pathway=pathway, stage="arrived", value=50, unit="people")
    lower = ProgressFigure(
        pathway=pathway,
        stage="approved",
        value=40,
        unit="people",
        as_of=date(2024, 3, 1),
        source=make_source(),
    )
    with pytest.raises(ValidationError) as error:
        lower.full_clean()
    assert "value" in error.value.message_dict


def test_an_as_of_date_in_the_future_is_refused(coordinator: Client) -> None:
    pathway = make_pathway()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = coordinator.post(
        "/en/pathways/progress/add/", _figure_post(pathway, make_source(), as_of=tomorrow)
    )
    assert response.status_code == 400
    assert "is in the future" in response.content.decode()
    assert not ProgressFigure.objects.exists()


def test_a_progress_figure_without_its_citation_is_refused(coordinator: Client) -> None:
    pathway = make_pathway()
    response = coordinator.post("/en/pathways/progress/add/", _figure_post(pathway, None))
    assert response.status_code == 400
    assert "needs its citation" in response.content.decode()
    assert not ProgressFigure.objects.exists()


def _cap_post(pathway: Any, **fields: Any) -> dict[str, Any]:
    data = {
        "pathway": pathway.pk,
        "key": "cap",
        "kind": "intake_cap",
        "label_en": "Applications accepted",
        "label_fr": "Demandes acceptées",
        "target": "5000",
        "unit": "applications",
        "stage": "accepted",
        "effective": "2024-05-27",
        "source": make_source().pk,
        "classification": "0",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("missing", "message"),
    [("effective", "needs the date it took effect"), ("source", "needs its citation")],
    ids=["without-a-date", "without-a-source"],
)
def test_a_cap_change_without_its_date_or_source_is_refused(
    coordinator: Client, missing: str, message: str
) -> None:
    pathway = make_pathway()
    make_commitment(pathway=pathway)
    response = coordinator.post(
        "/en/pathways/commitments/add/", _cap_post(pathway, **{missing: ""})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Commitment.objects.count() == 1


def test_a_cap_raised_is_a_new_version_not_an_overwrite(coordinator: Client) -> None:
    from passerelle.pathways import services

    pathway = make_pathway()
    first = make_commitment(pathway=pathway, target=1000)
    assert coordinator.post("/en/pathways/commitments/add/", _cap_post(pathway)).status_code == 302
    first.refresh_from_db()
    assert first.target == 1000
    pathway = type(pathway).objects.get(pk=pathway.pk)
    assert [c.target for c in services.history(pathway, "cap")] == [1000, 5000]
    assert [c.target for c in services.commitments_in_force(pathway)] == [5000]
    assert [c.target for c in services.commitments_in_force(pathway, on=date(2024, 5, 1))] == [1000]


def test_a_cap_changed_event_names_its_cap(coordinator: Client) -> None:
    pathway = make_pathway()
    data = {
        "pathway": pathway.pk,
        "kind": "cap_changed",
        "date": "2024-05-27",
        "description_en": "Raised.",
        "description_fr": "Relevé.",
        "source": make_source().pk,
        "classification": "0",
    }
    response = coordinator.post("/en/pathways/events/add/", data)
    assert response.status_code == 400
    assert "names the cap" in response.content.decode()


def test_unknown_program_codes_are_refused() -> None:
    pathway = make_pathway(program_codes="gaza_trv,nope")
    with pytest.raises(ValidationError) as error:
        pathway.full_clean()
    assert "nope" in str(error.value)
