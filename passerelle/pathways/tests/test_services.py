"""Status, commitments in force, the funnel and the projected completion."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from passerelle.core.testing import make_source
from passerelle.pathways import services
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent
from passerelle.pathways.tests.factories import (
    make_commitment,
    make_event,
    make_figure,
    make_pathway,
)

pytestmark = pytest.mark.django_db


def _open_measure(values: list[int], *, step: int = 30) -> tuple[Pathway, Commitment]:
    pathway = make_pathway()
    make_event(pathway=pathway, kind=PathwayEvent.Kind.OPENED, date=date(2024, 1, 1))
    cap = make_commitment(pathway=pathway, target=5000)
    for i, value in enumerate(values):
        make_figure(pathway=pathway, value=value, as_of=date(2024, 1, 1) + timedelta(days=step * i))
    return Pathway.objects.get(pk=pathway.pk), cap


def test_a_projection_from_a_steady_rate_with_its_interval() -> None:
    pathway, cap = _open_measure([1000, 1610, 2190, 2800, 3420])
    projection = services.projection(pathway, cap)
    assert projection.expected is not None and projection.earliest is not None
    assert projection.latest is not None
    assert projection.earliest <= projection.expected <= projection.latest
    # about 20 a day from 3,420 on day 120: 5,000 some 79 days later
    assert date(2024, 7, 1) < projection.expected < date(2024, 8, 15)
    assert len(projection.used) == 5


def test_no_projection_from_fewer_than_three_figures() -> None:
    pathway, cap = _open_measure([1000, 1600])
    projection = services.projection(pathway, cap)
    assert projection.expected is None and "fewer than three" in str(projection.reason)


def test_no_projection_for_a_closed_intake() -> None:
    pathway, cap = _open_measure([1000, 1610, 2190, 2800])
    make_event(pathway=pathway, kind=PathwayEvent.Kind.CLOSED, date=date(2024, 6, 1))
    pathway = Pathway.objects.get(pk=pathway.pk)
    assert services.projection(pathway, cap, on=date(2024, 7, 1)).expected is None
    assert services.projection(pathway, cap, on=date(2024, 5, 1)).expected is not None


def test_no_projection_for_a_met_commitment() -> None:
    pathway, cap = _open_measure([1000, 1610, 2190, 2800])
    cap.met_on = date(2024, 5, 1)
    assert services.projection(pathway, cap).expected is None


def test_the_status_follows_the_timeline() -> None:
    pathway = make_pathway()
    make_event(pathway=pathway, kind="opened", date=date(2024, 1, 9))
    make_event(pathway=pathway, kind="intake_paused", date=date(2024, 5, 6))
    make_event(pathway=pathway, kind="reopened", date=date(2025, 2, 25))
    pathway = Pathway.objects.get(pk=pathway.pk)
    assert services.status(pathway, on=date(2024, 3, 1)).kind == "opened"
    assert services.status(pathway, on=date(2024, 6, 1)).kind == "intake_paused"
    assert services.status(pathway, on=date(2025, 3, 1)).is_open
    following = services.next_event(pathway, on=date(2024, 6, 1))
    assert following is not None and following.kind == "reopened"


def test_two_sources_that_disagree_are_both_kept_and_the_primary_shown() -> None:
    pathway = make_pathway()
    press = make_figure(pathway=pathway, value=990, source=make_source(), secondary=True)
    ircc = make_figure(pathway=pathway, value=967, source=make_source())
    pathway = Pathway.objects.get(pk=pathway.pk)
    assert {f.pk for f in pathway.progress.all()} == {press.pk, ircc.pk}
    assert services.latest_figures(pathway) == [ircc]
