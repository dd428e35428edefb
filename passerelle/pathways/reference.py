"""The crisis-response measures' reference data: data/reference/pathways/*.yaml (format in
docs/pathways.md), transcribed from the published pages of ../shared/data/pathways/SOURCES.md.

Read with the kernel's YAML reader and `Checker` (every problem as file:line) and written with
the kernel's `upsert`, `set_many` and `set_citations` inside `load-reference`'s transaction.
Each written record then passes its model's own checks (pathways/validation.py): a figure above
an earlier stage's, an as-of date in the future, a cap change without its date or source fails
the load with the file and line, and the transaction writes nothing. A second load of the same
files writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from passerelle.core.models import Source
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.loader import LoadReport, set_citations, set_many, upsert
from passerelle.core.reference.schema import Checker
from passerelle.core.reference.yamlio import LineMapping
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.partners.reference import RecordFiles
from passerelle.pathways.models import (
    Commitment,
    Pathway,
    PathwayEvent,
    ProgressFigure,
    Stage,
    Unit,
)

LISTS = ("sources", "pathways", "commitments", "events", "progress")
_PROVENANCE = {"classification", "illustrative"}
_SOURCED = {"locator_en", "locator_fr", "as_printed", "secondary"}


@dataclass
class Pending:
    """One validated entry, written by `write` (given the records written so far)."""

    path: Path
    line: int
    write: Callable[[LoadReport], models.Model | None]


class PathwayFiles(RecordFiles):
    """The folder's files, with the sources they declare themselves."""

    def source(self, check: Checker, item: LineMapping, *, required: bool = True) -> str:
        key = check.text(item, "source", required=required)
        if key and key not in self.sources:
            check.fail(item.line_of("source"), f"unknown source {key!r}")
        return key

    def sourced(self, check: Checker, item: LineMapping) -> dict[str, Any]:
        locator = check.bilingual(item, "locator", required=False)
        return {
            **locator,
            "as_printed": check.text(item, "as_printed"),
            "secondary": check.flag(item, "secondary"),
            **self.provenance(check, item),
        }

    def pathway(self, check: Checker, item: LineMapping) -> str:
        slug = check.text(item, "pathway", required=True)
        if slug and slug not in self.keys(Pathway):
            check.fail(item.line_of("pathway"), f"unknown pathway {slug!r}")
        return slug


def _number(check: Checker, item: LineMapping, name: str) -> int:
    value = item.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        check.fail(item.line_of(name), f"{name!r} {value!r} is not a whole number")
        return 0
    return value


def _source_entry(files: PathwayFiles, check: Checker, item: LineMapping) -> Pending | None:
    required = {"key", "publisher_en", "publisher_fr", "title_en", "title_fr", "identifier"}
    optional = {"edition_en", "edition_fr", "published", "retrieved", "classification"}
    if not check.fields(item, required=required, optional=optional):
        return None
    key = check.slug(item, "key")
    files.sources.add(key)
    values = {
        **check.bilingual(item, "publisher", required=True),
        **check.bilingual(item, "title", required=True),
        **check.bilingual(item, "edition", required=False),
        "published": check.date(item, "published"),
        "retrieved": check.date(item, "retrieved"),
        "identifier": check.text(item, "identifier", required=True),
        "classification": check.classification(item),
    }
    return Pending(
        check.path, item.line, lambda report: upsert(Source, report, {"key": key}, values)
    )


def _pathway_entry(files: PathwayFiles, check: Checker, item: LineMapping) -> Pending | None:
    required = {"slug", "crisis_en", "crisis_fr", "name_en", "name_fr", "kind", "citations"}
    optional = _PROVENANCE | {"order", "countries", "partners", "program_codes"}
    stems = ("acronym", "public_policy", "binder_text", "eligibility", "streams")
    optional |= {f"{stem}_{lang}" for stem in stems for lang in ("en", "fr")}
    if not check.fields(item, required=required, optional=optional):
        return None
    slug = check.slug(item, "slug")
    files.declare(Pathway, slug)
    values: dict[str, Any] = {
        "kind": check.choice(item, "kind", Pathway.Kind.values),
        "order": item.get("order", 0),
        "program_codes": check.text(item, "program_codes"),
        **files.provenance(check, item),
    }
    for stem in ("crisis", "name"):
        values |= check.bilingual(item, stem, required=True)
    for stem in ("acronym", "public_policy", "binder_text", "eligibility", "streams"):
        values |= check.bilingual(item, stem, required=False)
    countries = files.refs(check, item, "countries", Country)
    partners = files.refs(check, item, "partners", Organization)
    citations = files.citations(check, item, Pathway)

    def write(report: LoadReport) -> models.Model:
        pathway = upsert(Pathway, report, {"slug": slug}, values)
        resolve = _resolver()
        set_many(
            pathway,
            "countries",
            [resolve(r.model, r.field, r.key) for r in countries],
            report,
            "pathway",
        )
        set_many(
            pathway,
            "partners",
            [resolve(r.model, r.field, r.key) for r in partners],
            report,
            "pathway",
        )
        set_citations(pathway, citations, {s.key: s for s in Source._base_manager.all()}, report)
        return pathway

    return Pending(check.path, item.line, write)


def _resolver() -> Callable[[type[models.Model], str, str], models.Model]:
    def resolve(model: type[models.Model], field: str, key: str) -> models.Model:
        return model._base_manager.get(**{field: key})

    return resolve


def _sourced_lookup(values: dict[str, Any], pathway: str, source: str) -> dict[str, Any]:
    resolved = dict(values)
    resolved["pathway"] = Pathway._base_manager.get(slug=pathway)
    resolved["source"] = Source._base_manager.get(key=source) if source else None
    return resolved


def _commitment_entry(files: PathwayFiles, check: Checker, item: LineMapping) -> Pending | None:
    required = {"pathway", "key", "kind", "label_en", "label_fr", "target", "unit", "stage"}
    optional = _PROVENANCE | _SOURCED | {"source", "stream", "effective", "met_on"}
    optional |= {"period_en", "period_fr"}
    if not check.fields(item, required=required, optional=optional):
        return None
    pathway, source = files.pathway(check, item), files.source(check, item, required=False)
    lookup = {"key": check.slug(item, "key"), "effective": check.date(item, "effective")}
    values = {
        "kind": check.choice(item, "kind", Commitment.Kind.values),
        **check.bilingual(item, "label", required=True),
        **check.bilingual(item, "period", required=False),
        "target": _number(check, item, "target"),
        "unit": check.choice(item, "unit", Unit.values),
        "stage": check.choice(item, "stage", Stage.values),
        "stream": check.text(item, "stream"),
        "met_on": check.date(item, "met_on"),
        **files.sourced(check, item),
    }

    def write(report: LoadReport) -> models.Model:
        found = _sourced_lookup(values, pathway, source)
        owner = {"pathway": found.pop("pathway"), **lookup}
        return upsert(Commitment, report, owner, found)

    return Pending(check.path, item.line, write)


def _event_entry(files: PathwayFiles, check: Checker, item: LineMapping) -> Pending | None:
    required = {"pathway", "kind", "date", "description_en", "description_fr"}
    optional = _PROVENANCE | _SOURCED | {"source", "cap"}
    if not check.fields(item, required=required, optional=optional):
        return None
    pathway, source = files.pathway(check, item), files.source(check, item, required=False)
    kind = check.choice(item, "kind", PathwayEvent.Kind.values)
    day = check.date(item, "date")
    cap = check.mapping(item["cap"], item.line_of("cap"), "'cap'") if "cap" in item else None
    cap_key = check.text(cap, "key", required=True) if cap else ""
    cap_effective = check.date(cap, "effective") if cap else None
    values = {**check.bilingual(item, "description", required=True), **files.sourced(check, item)}

    def write(report: LoadReport) -> models.Model:
        lookup = _sourced_lookup({"kind": kind, "date": day}, pathway, source)
        commitment = None
        if cap_key:
            commitment = Commitment._base_manager.get(
                pathway=lookup["pathway"], key=cap_key, effective=cap_effective
            )
        return upsert(PathwayEvent, report, lookup, {**values, "commitment": commitment})

    return Pending(check.path, item.line, write)


def _progress_entry(files: PathwayFiles, check: Checker, item: LineMapping) -> Pending | None:
    required = {"pathway", "stage", "value", "unit", "as_of"}
    optional = _PROVENANCE | _SOURCED | {"source", "qualifier", "stream", "note_en", "note_fr"}
    if not check.fields(item, required=required, optional=optional):
        return None
    pathway, source = files.pathway(check, item), files.source(check, item, required=False)
    lookup = {
        "stage": check.choice(item, "stage", Stage.values),
        "unit": check.choice(item, "unit", Unit.values),
        "stream": check.text(item, "stream"),
        "as_of": check.date(item, "as_of"),
    }
    values = {
        "value": _number(check, item, "value"),
        "qualifier": check.text(item, "qualifier"),
        **check.bilingual(item, "note", required=False),
        **files.sourced(check, item),
    }

    def write(report: LoadReport) -> models.Model:
        return upsert(ProgressFigure, report, _sourced_lookup(lookup, pathway, source), values)

    return Pending(check.path, item.line, write)


_READERS = {
    "sources": _source_entry,
    "pathways": _pathway_entry,
    "commitments": _commitment_entry,
    "events": _event_entry,
    "progress": _progress_entry,
}


def load_pathways(directory: Path) -> dict[str, int]:
    """Load the measures, their commitments, timelines and progress from the YAML files in
    `directory`; returns counts such as {"pathway created": 5, …}. Raises ReferenceDataError
    listing every problem as file:line: reason; nothing of the load is then kept."""
    files = PathwayFiles(directory, LISTS)
    pending: list[Pending] = []
    for name in LISTS:
        for check, item in files.entries[name]:
            entry = _READERS[name](files, check, item)
            if entry is not None:
                pending.append(entry)
    files.raise_problems()
    with transaction.atomic():
        return _write(pending)


def _write(pending: list[Pending]) -> dict[str, int]:
    """Write the entries in order, each then checked by its model; any problem rolls back."""
    report = LoadReport()
    problems: list[Problem] = []
    for entry in pending:
        record = entry.write(report)
        try:
            if record is not None and not isinstance(record, Source):
                record.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                problems.append(Problem(entry.path, entry.line, f"{field}: {' '.join(messages)}"))
    if problems:
        raise ReferenceDataError(problems)
    return report.as_counts()
