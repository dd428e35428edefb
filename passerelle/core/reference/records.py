"""Reference records read from YAML files and written as one load: the shared part of the apps'
loaders (partners, engagements, operations).

`RecordFiles` reads the entries of a folder's YAML files by top-level list, with the kernel's
`Checker` collecting every problem as file:line; an app's readers turn each entry into `Record`s
whose links are `Ref`s (natural keys, resolved when written, so that one file may name a record
another file of the same load creates); `write_records` writes them with the loader's `upsert`,
`set_many` and `set_citations`, saving only what differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models

from passerelle.core.models import Source
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.loader import LoadReport, set_citations, set_many, upsert
from passerelle.core.reference.schema import Checker, CitationSpec
from passerelle.core.reference.yamlio import LineMapping, read_yaml
from passerelle.geo.models import Country


@dataclass(frozen=True)
class Ref:
    """A record named by its natural key (a slug, a country's alpha-3), resolved when written,
    so that a file may name a record another file of the same load creates."""

    model: type[models.Model]
    field: str
    key: str


@dataclass
class Record:
    """One validated record: how to find it, its values (`<name>_id` values are `Ref`s or
    None), its many-to-many sets and its citations."""

    model: type[models.Model]
    lookup: dict[str, Any]
    values: dict[str, Any]
    citations: list[CitationSpec]
    path: Path
    line: int
    many: dict[str, list[Ref]] = field(default_factory=dict)


class RecordFiles:
    """The entries of the YAML files of one folder, by top-level list (`forums`, `roles`…),
    with the kernel's Checker collecting every problem rather than stopping at the first."""

    def __init__(self, directory: Path, lists: Sequence[str]) -> None:
        self.problems: list[Problem] = []
        self.entries: dict[str, list[tuple[Checker, LineMapping]]] = {name: [] for name in lists}
        self._keys: dict[tuple[type[models.Model], str], set[str]] = {}
        self.sources = set(Source._base_manager.values_list("key", flat=True))
        for path in sorted(directory.glob("*.yaml")):
            self._read(path, lists)

    def _read(self, path: Path, lists: Sequence[str]) -> None:
        try:
            document = read_yaml(path)
        except ReferenceDataError as error:
            self.problems.extend(error.problems)
            return
        if document is None:
            return
        check = Checker(path, self.problems)
        top = check.mapping(document, 1, "a reference file")
        if top is None or not check.fields(top, required=set(), optional=set(lists)):
            return
        for name in lists:
            for mapping in check.listed(top, name, blank_is_empty=True):
                self.entries[name].append((check, mapping))

    def keys(self, model: type[models.Model], key_field: str = "slug") -> set[str]:
        """The keys of `model` known so far: in the database, and declared by these files."""
        if (model, key_field) not in self._keys:
            existing = model._base_manager.values_list(key_field, flat=True)
            self._keys[model, key_field] = set(existing)
        return self._keys[model, key_field]

    def declare(self, model: type[models.Model], key: str) -> None:
        self.keys(model).add(key)

    def ref(
        self,
        check: Checker,
        item: LineMapping,
        name: str,
        model: type[models.Model],
        *,
        required: bool = False,
    ) -> Ref | None:
        """The record `item[name]` names: a country by alpha-3, anything else by slug."""
        key_field = "iso_alpha3" if model is Country else "slug"
        value = check.text(item, name, required=required)
        if not value:
            return None
        if value not in self.keys(model, key_field):
            label = model._meta.verbose_name_raw
            check.fail(item.line_of(name), f"unknown {label} {value!r}")
        return Ref(model, key_field, value)

    def refs(
        self, check: Checker, item: LineMapping, name: str, model: type[models.Model]
    ) -> list[Ref]:
        """A list of records: countries as ISO alpha-3 codes, anything else by slug."""
        if model is Country:
            codes = check.codes(item, name)
            unknown = [code for code in codes if code not in self.keys(Country, "iso_alpha3")]
            for code in unknown:
                check.fail(item.line_of(name), f"unknown country code {code!r}")
            return [Ref(Country, "iso_alpha3", code) for code in codes]
        value = item.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            check.fail(item.line_of(name), f"{name!r} must be a list of slugs")
            return []
        label = model._meta.verbose_name_raw
        for slug in value:
            if slug not in self.keys(model):
                check.fail(item.line_of(name), f"unknown {label} {slug!r}")
        return [Ref(model, "slug", slug) for slug in value]

    def citations(
        self, check: Checker, item: LineMapping, model: type[models.Model]
    ) -> list[CitationSpec]:
        """The record's citations, each of a source of sources.yaml (loaded just before)."""
        names = {f.name for f in model._meta.get_fields()}
        specs = check.citations(item, model_fields=names)
        for spec in specs:
            if spec.source and spec.source not in self.sources:
                check.fail(spec.line, f"citation of unknown source {spec.source!r}")
        return specs

    def provenance(self, check: Checker, item: LineMapping) -> dict[str, Any]:
        return {
            "classification": check.classification(item),
            "illustrative": check.flag(item, "illustrative"),
        }

    def check_unique(self, records: list[Record], what: str) -> None:
        """No two records of the files are the same record (same lookup)."""
        first: dict[tuple[Any, ...], Record] = {}
        for record in records:
            key = tuple(sorted(record.lookup.items(), key=lambda kv: kv[0]))
            if key in first:
                where = f"{first[key].path.name}:{first[key].line}"
                self.problems.append(
                    Problem(record.path, record.line, f"duplicate {what} (first at {where})")
                )
            else:
                first[key] = record

    def check_lengths(self, records: list[Record]) -> None:
        """No text longer than its field (SQLite would store it, PostgreSQL refuse it)."""
        for record in records:
            for name, value in {**record.lookup, **record.values}.items():
                limit = getattr(record.model._meta.get_field(name), "max_length", None)
                if isinstance(value, str) and limit and len(value) > limit:
                    reason = f"{name!r} is {len(value)} characters long, more than {limit}"
                    self.problems.append(Problem(record.path, record.line, reason))

    def raise_problems(self) -> None:
        if self.problems:
            raise ReferenceDataError(self.problems)


def write_records(records: list[Record], report: LoadReport) -> None:
    """Create or bring up to date each record, its many-to-many sets and its citations; save
    only what differs."""
    sources = {source.key: source for source in Source._base_manager.all()}
    resolved: dict[Ref, models.Model] = {}

    def resolve(ref: Ref) -> models.Model:
        if ref not in resolved:
            resolved[ref] = ref.model._base_manager.get(**{ref.field: ref.key})
        return resolved[ref]

    def plain(values: dict[str, Any]) -> dict[str, Any]:
        return {
            name: resolve(value).pk if isinstance(value, Ref) else value
            for name, value in values.items()
        }

    for record in records:
        instance = upsert(record.model, report, plain(record.lookup), plain(record.values))
        label = str(record.model._meta.verbose_name_raw)
        for name, refs in record.many.items():
            set_many(instance, name, [resolve(ref) for ref in refs], report, label)
        set_citations(instance, record.citations, sources, report)
