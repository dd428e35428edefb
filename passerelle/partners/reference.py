"""The partners' reference data: data/reference/partners/*.yaml (format in docs/reference-data.md).

Files are read with the kernel's YAML reader and `Checker` (every problem reported as
file:line), and written with the kernel's `upsert`, `set_many` and `set_citations` inside
`load-reference`'s transaction: invalid data raises ReferenceDataError before anything of the
partners is written, and a second load of the same files writes nothing.

`RecordFiles`, `Ref`, `Record` and `write_records` are shared with the engagements' loader.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import models

from passerelle.core.models import Source
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.loader import LoadReport, set_citations, set_many, upsert
from passerelle.core.reference.schema import Checker, CitationSpec
from passerelle.core.reference.yamlio import LineMapping, read_yaml
from passerelle.geo.models import Country
from passerelle.partners.models import (
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    PeriodModel,
    Relationship,
)

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_COMMON = {"classification", "illustrative", "citations"}


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
            items = top.get(name) or []
            if not isinstance(items, list):
                check.fail(top.line_of(name), f"{name!r} must be a list")
                continue
            for item in items:
                mapping = check.mapping(item, top.line_of(name), f"each of {name!r}")
                if mapping is not None:
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

    def period(self, check: Checker, item: LineMapping) -> dict[str, Any]:
        """`start`, `end` and `precision`: with precision `year`, start 2021 is 1 January 2021
        and end 2022 is 31 December 2022; with `month`, YYYY-MM; else YYYY-MM-DD."""
        precision = item.get("precision", PeriodModel.Precision.DAY)
        if precision not in PeriodModel.Precision.values:
            choices = ", ".join(PeriodModel.Precision.values)
            check.fail(item.line_of("precision"), f"unknown precision {precision!r} ({choices})")
            precision = PeriodModel.Precision.DAY
        start = _bound(check, item, "start", precision, first=True)
        end = _bound(check, item, "end", precision, first=False)
        if start and end and end < start:
            check.fail(item.line_of("end"), "'end' is before 'start'")
        return {"start": start, "end": end, "precision": precision}

    def party(
        self, check: Checker, item: LineMapping, prefix: str = "", *, required: bool = True
    ) -> dict[str, Ref | None]:
        """`<prefix>country` (alpha-3) or `<prefix>organization` (slug): one, never both."""
        country = self.ref(check, item, f"{prefix}country", Country)
        organization = self.ref(check, item, f"{prefix}organization", Organization)
        if country and organization:
            check.fail(item.line, f"give '{prefix}country' or '{prefix}organization', not both")
        elif required and not (country or organization):
            check.fail(item.line, f"give '{prefix}country' or '{prefix}organization'")
        return {f"{prefix}country_id": country, f"{prefix}organization_id": organization}

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


def _bound(
    check: Checker, item: LineMapping, name: str, precision: str, *, first: bool
) -> date | None:
    raw = item.get(name)
    if raw in (None, ""):
        return None
    text = str(raw)
    try:
        if precision == PeriodModel.Precision.YEAR:
            if not _YEAR.match(text):
                raise ValueError(text)
            return date(int(text), 1, 1) if first else date(int(text), 12, 31)
        if precision == PeriodModel.Precision.MONTH:
            match = _MONTH.match(text)
            if not match:
                raise ValueError(text)
            year, month = int(match[1]), int(match[2])
            day = 1 if first else calendar.monthrange(year, month)[1]
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        form = {"year": "YYYY", "month": "YYYY-MM"}.get(precision, "YYYY-MM-DD")
        check.fail(
            item.line_of(name), f"{name!r} {raw!r} is not a date ({form}, precision {precision})"
        )
        return None


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


# --- The partners' records ------------------------------------------------------------------

LISTS = ("organizations", "forums", "memberships", "roles", "frameworks", "relationships")
_NAMED = {"acronym_en", "acronym_fr", "description_en", "description_fr"}


def _named(files: RecordFiles, check: Checker, item: LineMapping) -> dict[str, Any]:
    """What organizations, forums and frameworks share: bilingual names, acronyms, descriptions."""
    return {
        **check.bilingual(item, "name", required=True),
        **check.bilingual(item, "acronym", required=False),
        **check.bilingual(item, "description", required=False),
        **files.provenance(check, item),
    }


def _organization(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _NAMED | _COMMON | {"iati_identifier", "headquarters", "countries", "website"}
    if not check.fields(item, required={"slug", "name_en", "name_fr", "kind"}, optional=optional):
        return []
    values = {
        **_named(files, check, item),
        "kind": check.choice(item, "kind", Organization.Kind.values),
        "iati_identifier": check.text(item, "iati_identifier"),
        "website": check.text(item, "website"),
        "headquarters_id": files.ref(check, item, "headquarters", Country),
    }
    slug = check.slug(item, "slug")
    files.declare(Organization, slug)
    return [
        Record(
            Organization,
            {"slug": slug},
            values,
            files.citations(check, item, Organization),
            check.path,
            item.line,
            many={"countries": files.refs(check, item, "countries", Country)},
        )
    ]


def _forum(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _NAMED | _COMMON | {"directed_by", "secretariat", "established", "website"}
    required = {"slug", "name_en", "name_fr", "kind", "scope"}
    if not check.fields(item, required=required, optional=optional):
        return []
    values = {
        **_named(files, check, item),
        "kind": check.choice(item, "kind", Forum.Kind.values),
        "scope": check.choice(item, "scope", Forum.Scope.values),
        "website": check.text(item, "website"),
        "established": check.date(item, "established"),
        # A forum directing another is defined above it (or already loaded): written first.
        "directed_by_id": files.ref(check, item, "directed_by", Forum),
        "secretariat_id": files.ref(check, item, "secretariat", Organization),
    }
    slug = check.slug(item, "slug")
    files.declare(Forum, slug)
    citations = files.citations(check, item, Forum)
    return [Record(Forum, {"slug": slug}, values, citations, check.path, item.line)]


def _memberships(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _COMMON | {"countries", "organizations", "start", "end", "precision"}
    if not check.fields(item, required={"forum", "citations"}, optional=optional):
        return []
    forum = files.ref(check, item, "forum", Forum, required=True)
    period = files.period(check, item)
    members = [("country_id", ref) for ref in files.refs(check, item, "countries", Country)]
    members += [
        ("organization_id", ref) for ref in files.refs(check, item, "organizations", Organization)
    ]
    if not members:
        check.fail(item.line, "give the members: 'countries', 'organizations' or both")
    citations = files.citations(check, item, Membership)
    provenance = files.provenance(check, item)
    records = []
    for name, member in members:
        lookup = {
            "forum_id": forum,
            "country_id": None,
            "organization_id": None,
            name: member,
            "start": period["start"],
        }
        values = {"end": period["end"], "precision": period["precision"], **provenance}
        records.append(Record(Membership, lookup, values, citations, check.path, item.line))
    return records


def _role(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _COMMON | {"country", "organization", "start", "end", "precision"}
    if not check.fields(item, required={"forum", "role", "citations"}, optional=optional):
        return []
    period = files.period(check, item)
    lookup = {
        "forum_id": files.ref(check, item, "forum", Forum, required=True),
        "role": check.choice(item, "role", ForumRole.Kind.values),
        **files.party(check, item),
        "start": period["start"],
    }
    values = {"end": period["end"], "precision": period["precision"]}
    values |= files.provenance(check, item)
    citations = files.citations(check, item, ForumRole)
    return [Record(ForumRole, lookup, values, citations, check.path, item.line)]


def _framework(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _NAMED | _COMMON | {"adopted", "forum", "countries"}
    if not check.fields(item, required={"slug", "name_en", "name_fr", "kind"}, optional=optional):
        return []
    values = {
        **_named(files, check, item),
        "kind": check.choice(item, "kind", Framework.Kind.values),
        "adopted": check.date(item, "adopted"),
        "forum_id": files.ref(check, item, "forum", Forum),
    }
    return [
        Record(
            Framework,
            {"slug": check.slug(item, "slug")},
            values,
            files.citations(check, item, Framework),
            check.path,
            item.line,
            many={"countries": files.refs(check, item, "countries", Country)},
        )
    ]


def _relationship(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    optional = _COMMON | {"country", "organization", "counterpart_country"}
    optional |= {"counterpart_organization", "start", "end", "precision"}
    required = {"kind", "nature_en", "nature_fr", "citations"}
    if not check.fields(item, required=required, optional=optional):
        return []
    lookup = {
        "kind": check.choice(item, "kind", Relationship.Kind.values),
        **files.party(check, item),
        **files.party(check, item, "counterpart_"),
    }
    values = {
        **check.bilingual(item, "nature", required=True),
        **files.period(check, item),
        **files.provenance(check, item),
    }
    citations = files.citations(check, item, Relationship)
    return [Record(Relationship, lookup, values, citations, check.path, item.line)]


_READERS = {
    "organizations": (_organization, "organization"),
    "forums": (_forum, "forum"),
    "memberships": (_memberships, "membership (forum, member and start)"),
    "roles": (_role, "role (forum, role, holder and start)"),
    "frameworks": (_framework, "framework"),
    "relationships": (_relationship, "relationship (type, party and counterpart)"),
}


def load_partners(directory: Path) -> dict[str, int]:
    """Load organizations, forums, memberships, roles, frameworks and relationships from the
    YAML files in `directory`; returns counts such as {"forum created": 12, …}.

    Raises ReferenceDataError listing every problem as file:line: reason, before anything is
    written. Records are matched by slug (memberships, roles and relationships by forum, party
    and start) and saved only where a value differs; records no longer in the files are left in
    place."""
    files = RecordFiles(directory, LISTS)
    records: list[Record] = []
    for name in LISTS:
        reader, what = _READERS[name]
        found = [
            record for check, item in files.entries[name] for record in reader(files, check, item)
        ]
        files.check_unique(found, what)
        records += found
    files.check_lengths(records)
    files.raise_problems()
    report = LoadReport()
    write_records(records, report)
    return report.as_counts()
