"""Factories for the indicators' tests: plain keyword-only functions."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from passerelle.core.models import Fact
from passerelle.core.testing import make_source
from passerelle.indicators.importers import run_import
from passerelle.indicators.models import ImportRun, Indicator, Observation

FIXTURES = Path(__file__).parent / "fixtures"
REAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "real"
RETRIEVED = datetime.date(2026, 11, 20)


def import_fixture(kind: str, name: str, **options: Any) -> ImportRun:
    """Import one of the fixtures (tests/fixtures/) as `kind`."""
    options.setdefault("retrieved", RETRIEVED)
    return run_import(kind, FIXTURES / name, user=None, **options)


def make_indicator(**fields: Any) -> Indicator:
    values: dict[str, Any] = {
        "code": f"test.indicator.{Indicator.objects.count() + 1}",
        "name_en": "Test indicator",
        "name_fr": "Indicateur d’essai",
        "unit": "persons",
        "publisher": "Test",
    }
    values.update(fields)
    return Indicator.objects.create(**values)


def make_observation(*, indicator: Indicator | None = None, **fields: Any) -> Observation:
    source = make_source()
    run = ImportRun.objects.create(
        kind="test",
        file_name="test.csv",
        checksum="0" * 64,
        outcome=ImportRun.Outcome.IMPORTED,
        source=source,
    )
    values: dict[str, Any] = {
        "geography": "CAN",
        "geography_kind": "country",
        "period": "2022",
        "period_end": datetime.date(2022, 12, 31),
        "value": 1234.0,
        "status": "reported",
        "source": source,
        "retrieved": RETRIEVED,
        "import_run": run,
    }
    values.update(fields)
    return Observation.objects.create(indicator=indicator or make_indicator(), **values)


def make_refugees_fact() -> Fact:
    """The binder's figure the imported UNHCR series stands beside: 35.3 million refugees."""
    return Fact.objects.create(
        key="refugees-2022",
        section="global-context",
        title_en="Refugees worldwide, end of 2022",
        title_fr="Réfugiés dans le monde, fin de 2022",
        value=35_300_000,
        unit="persons",
        period_en="end-2022",
        period_fr="fin 2022",
    )
