"""A signal's evidence text in French names the country with its article ("pour le Mexique",
"pour les États-Unis") and is French throughout."""

from __future__ import annotations

from datetime import date

import pytest

from passerelle.operations.models import IrritantSignal
from passerelle.operations.views.signals import describe

pytestmark = pytest.mark.django_db


def _signal(citizenship: str) -> IrritantSignal:
    return IrritantSignal(
        citizenship=citizenship,
        metric=IrritantSignal.Metric.REFUSAL_RATE,
        comparison=IrritantSignal.Comparison.GLOBAL,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        value=0.3,
        count=1200,
        ci_low=0.28,
        ci_high=0.32,
        baseline=0.2,
        baseline_count=50000,
        z=5.0,
        p_value=0.0001,
        q_value=0.001,
        significant=True,
    )


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        ("MEX", "Taux de refus pour le Mexique, de 2024-01 à 2024-12"),
        ("USA", "pour les États-Unis"),
    ],
)
def test_the_french_evidence_names_the_country_with_its_article(code: str, phrase: str) -> None:
    text = describe(_signal(code), language="fr")
    assert phrase in text
    assert "not evidence of bias" not in text


def test_the_english_evidence_is_unchanged() -> None:
    assert describe(_signal("MEX"), language="en").startswith("Refusal rate for MEX")
