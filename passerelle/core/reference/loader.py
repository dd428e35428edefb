"""Writing the validated reference data: one transaction, and a save only where a value differs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q

from passerelle.core.models import Citation, Fact, Source
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.parse import parse_directory
from passerelle.core.reference.schema import CitationSpec, GroupSpec, ReferenceData
from passerelle.core.search import index as search_index
from passerelle.geo.models import Country, CountryGroup
from passerelle.geo.reference import sync_countries

_M = TypeVar("_M", bound=models.Model)
OUTCOMES = ("created", "updated", "unchanged", "deleted")

# Loaders of the domain apps' own reference data, each reading its own folder of the reference
# directory (e.g. data/reference/network/) inside the same transaction, after the kernel's data.
# A loader returns counts by label ("office created": 3, …) and raises ReferenceDataError.
AppLoader = Callable[[Path], dict[str, int]]
APP_LOADERS: dict[str, AppLoader] = {}


def register_app_loader(folder: str, loader: AppLoader) -> None:
    """Called from an app's AppConfig.ready(): load `folder` of the reference data with `loader`."""
    APP_LOADERS[folder] = loader


@dataclass
class LoadReport:
    """How many records of each model the load created, updated, left unchanged or deleted."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    links_changed: Counter[str] = field(default_factory=Counter)
    geo_records_written: int = 0
    apps: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, model: str, outcome: str) -> None:
        self.counts.setdefault(model, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    @property
    def changed(self) -> bool:
        """Whether the load wrote anything."""
        written = any(self.total(outcome) for outcome in ("created", "updated", "deleted"))
        by_apps = any(
            n
            for counts in self.apps.values()
            for label, n in counts.items()
            if not label.endswith("unchanged")
        )
        return (
            written or by_apps or bool(self.geo_records_written) or any(self.links_changed.values())
        )

    def as_counts(self) -> dict[str, int]:
        """The counts as an app loader returns them: {"forum created": 3, …}."""
        counts = {
            f"{model} {outcome}": counter[outcome]
            for model, counter in self.counts.items()
            for outcome in OUTCOMES
            if counter[outcome]
        }
        counts.update({f"{link} changed": n for link, n in self.links_changed.items() if n})
        return counts

    def lines(self) -> list[str]:
        """One summary line per model."""
        result = [f"countries and regions: {self.geo_records_written} created or updated"]
        for model, counter in self.counts.items():
            parts = ", ".join(f"{counter[o]} {o}" for o in OUTCOMES if o != "deleted" or counter[o])
            result.append(f"{model}: {parts}")
        for link, changed in self.links_changed.items():
            result.append(f"{link}: {changed} changed")
        for folder, counts in self.apps.items():
            result.append(f"{folder}: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
        return result


def load_reference(directory: Path) -> LoadReport:
    """Load the reference data in `directory` into the database, all or nothing.

    Raises `ReferenceDataError` (with file:line for each problem) and writes nothing when the data
    is invalid. Loading the same files twice writes nothing the second time.
    """
    data = parse_directory(directory)
    report = LoadReport()
    # The records saved are indexed for search together at the end (core/search/index.py).
    with transaction.atomic(), search_index.deferred():
        report.geo_records_written = sync_countries()
        countries = _countries(data)
        sources = {
            spec.key: upsert(Source, report, {"key": spec.key}, spec.values)
            for spec in data.sources
        }
        for group_spec in data.groups:
            group = upsert(CountryGroup, report, {"slug": group_spec.slug}, group_spec.values)
            members = [countries[c] for c in group_spec.members]
            members += _countries_in_regions(group_spec)
            set_many(group, "members", members, report, "country group")
            set_citations(group, group_spec.citations, sources, report)
        for fact_spec in data.facts:
            fact = upsert(Fact, report, {"key": fact_spec.key}, fact_spec.values)
            set_many(fact, "countries", [countries[c] for c in fact_spec.countries], report, "fact")
            set_citations(fact, fact_spec.citations, sources, report)
        for folder, loader in APP_LOADERS.items():
            if (directory / folder).is_dir():
                report.apps[folder] = loader(directory / folder)
    return report


def _countries(data: ReferenceData) -> dict[str, Country]:
    """The countries the data names, by alpha-3; an unknown code fails the load (rolled back)."""
    codes = {code for code, _path, _line in data.country_codes()}
    found = {c.iso_alpha3: c for c in Country._base_manager.filter(iso_alpha3__in=codes)}
    problems = [
        Problem(path, line, f"unknown country code {code!r}")
        for code, path, line in data.country_codes()
        if code not in found
    ]
    if problems:
        raise ReferenceDataError(problems)
    return found


def _countries_in_regions(spec: GroupSpec) -> list[Country]:
    """The countries in any of the group's M49 areas (regions, sub-regions, intermediate)."""
    found: list[Country] = []
    for code in spec.regions:
        in_area = Country._base_manager.filter(
            Q(region_m49=code) | Q(subregion_m49=code) | Q(intermediate_region_m49=code)
        )
        if not in_area.exists():
            reason = f"no country is in M49 area {code!r} (were the countries synchronised?)"
            raise ReferenceDataError([Problem(spec.path, spec.line, reason)])
        found.extend(in_area)
    return found


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_raw)


def upsert(
    model: type[_M], report: LoadReport, lookup: dict[str, Any], values: dict[str, Any]
) -> _M:
    """The record with `lookup`, created or brought up to `values`; saved only if it differs."""
    instance = model._base_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        report.count(_label(model), "created")
        return instance
    differing = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if differing:
        for name, value in differing.items():
            setattr(instance, name, value)
        instance.save()
        report.count(_label(model), "updated")
    else:
        report.count(_label(model), "unchanged")
    return instance


def set_many(
    instance: models.Model,
    name: str,
    wanted: Sequence[models.Model],
    report: LoadReport,
    label: str,
) -> None:
    """Set a many-to-many to `wanted`, touching it only when the set differs. (Shared with the
    domain apps' loaders, like `upsert` and `set_citations`.)"""
    manager = getattr(instance, name)
    if set(manager.values_list("pk", flat=True)) != {c.pk for c in wanted}:
        manager.set(wanted)
        report.links_changed[f"{label} {name}"] += 1


def set_citations(
    instance: models.Model,
    specs: list[CitationSpec],
    sources: dict[str, Source],
    report: LoadReport,
) -> None:
    """Make the record's citations exactly `specs`: upsert each, delete those no longer listed."""
    content_type = ContentType.objects.get_for_model(instance)
    existing = {
        (c.source_id, c.field): c
        for c in Citation._base_manager.filter(content_type=content_type, object_id=instance.pk)
    }
    for spec in specs:
        source = sources[spec.source]
        lookup = {
            "content_type": content_type,
            "object_id": instance.pk,
            "source": source,
            "field": spec.field,
        }
        values = {"locator_en": spec.locator_en, "locator_fr": spec.locator_fr, "note": spec.note}
        upsert(Citation, report, lookup, values)
        existing.pop((source.pk, spec.field), None)
    for stale in existing.values():
        stale.delete()
        report.count(_label(Citation), "deleted")
