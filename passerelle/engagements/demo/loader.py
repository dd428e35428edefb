"""Writing the planned demo set, all or nothing: records matched by their natural keys and saved
only where a value differs, so a second run writes nothing."""

from __future__ import annotations

from datetime import date

from django.db import models, transaction

from passerelle.core.reference.loader import LoadReport, set_many, upsert
from passerelle.engagements.demo.planner import Planned, Planner
from passerelle.engagements.demo.vocabulary import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    DEMO_TODAY,
    DemoError,
    Vocabulary,
)


def _write(
    planned: Planned, report: LoadReport, parent: models.Model | None = None
) -> models.Model:
    lookup = dict(planned.lookup)
    if parent is not None:
        lookup["engagement_id"] = parent.pk
    instance = upsert(planned.model, report, lookup, planned.values)
    label = str(planned.model._meta.verbose_name_raw)
    for name, wanted in planned.many.items():
        targets = [_instance_of(w) for w in wanted]
        set_many(instance, name, targets, report, label)
    planned.instance = instance
    for child in planned.children:
        _write(child, report, instance)
    return instance


def _instance_of(value: Planned | models.Model) -> models.Model:
    """A planned engagement (irritants link to them, written before them) or a record."""
    if isinstance(value, Planned):
        assert value.instance is not None
        return value.instance
    return value


def load_demo(
    *, seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT, today: date = DEMO_TODAY
) -> LoadReport:
    """Plan the demo set for `seed` and `count` and write it, all or nothing; a second run with
    the same arguments writes nothing. Raises DemoError when the reference data is missing."""
    if count < 1:
        raise DemoError("--count must be at least 1")
    report = LoadReport()
    with transaction.atomic():
        planner = Planner(Vocabulary.from_database(), seed=seed, today=today)
        for planned in planner.plan(count):
            _write(planned, report)
    return report
