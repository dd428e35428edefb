"""Plain keyword-only factories for the pathways' records."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from passerelle.core.models import Source
from passerelle.core.testing import make_source
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure

_counter = count(1)


def make_pathway(**fields: Any) -> Pathway:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"measure-{n}",
        "crisis_en": f"Crisis {n}",
        "crisis_fr": f"Crise {n}",
        "name_en": f"Measure {n}",
        "name_fr": f"Mesure {n}",
        "kind": Pathway.Kind.TEMPORARY,
    }
    values.update(fields)
    return Pathway.objects.create(**values)


def _source(fields: dict[str, Any]) -> Source:
    return fields.pop("source", None) or make_source()


def make_event(*, pathway: Pathway, **fields: Any) -> PathwayEvent:
    values: dict[str, Any] = {
        "kind": PathwayEvent.Kind.OPENED,
        "date": date(2024, 1, 9),
        "description_en": "Opened.",
        "description_fr": "Ouverte.",
        "source": _source(fields),
    }
    values.update(fields)
    return PathwayEvent.objects.create(pathway=pathway, **values)


def make_commitment(*, pathway: Pathway, **fields: Any) -> Commitment:
    values: dict[str, Any] = {
        "key": "cap",
        "kind": Commitment.Kind.INTAKE_CAP,
        "label_en": "Applications accepted",
        "label_fr": "Demandes acceptées",
        "target": 1000,
        "unit": "applications",
        "stage": "accepted",
        "effective": date(2024, 1, 9),
        "source": _source(fields),
    }
    values.update(fields)
    return Commitment.objects.create(pathway=pathway, **values)


def make_figure(*, pathway: Pathway, **fields: Any) -> ProgressFigure:
    values: dict[str, Any] = {
        "stage": "accepted",
        "value": 100,
        "unit": "applications",
        "as_of": date(2024, 3, 1),
        "source": _source(fields),
    }
    values.update(fields)
    return ProgressFigure.objects.create(pathway=pathway, **values)
