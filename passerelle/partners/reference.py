"""The partners' reference data: data/reference/partners/*.yaml (format in docs/reference-data.md).

Files are read with the kernel's YAML reader and `Checker` (every problem reported as
file:line), and written with the kernel's `upsert`, `set_many` and `set_citations` inside
`load-reference`'s transaction: invalid data raises ReferenceDataError before anything of the
partners is written, and a second load of the same files writes nothing.

`RecordFiles`, `Ref`, `Record` and `write_records` are the kernel's (core/reference/records.py),
shared with the engagements' and the operations' loaders.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

from passerelle.core.reference.errors import Problem
from passerelle.core.reference.loader import LoadReport
from passerelle.core.reference.records import Record, RecordFiles, Ref, write_records
from passerelle.core.reference.schema import Checker
from passerelle.core.reference.yamlio import LineMapping
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
from passerelle.partners.periods import RoleSpan, conflict, year_bounds

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_COMMON = {"classification", "illustrative", "citations"}


class PartnerFiles(RecordFiles):
    """The partners' files: records with a period and a party."""

    def period(self, check: Checker, item: LineMapping) -> dict[str, Any]:
        """`start`, `end` and `precision`: with precision `year`, the years are read as
        partners/periods.py says (chair 2021-2022: 1 July 2021 to 30 June 2022; 2015 alone: the
        whole year); with `month`, YYYY-MM; else YYYY-MM-DD."""
        precision = item.get("precision", PeriodModel.Precision.DAY)
        if precision not in PeriodModel.Precision.values:
            choices = ", ".join(PeriodModel.Precision.values)
            check.fail(item.line_of("precision"), f"unknown precision {precision!r} ({choices})")
            precision = PeriodModel.Precision.DAY
        start = _bound(check, item, "start", precision, first=True)
        end = _bound(check, item, "end", precision, first=False)
        if precision == PeriodModel.Precision.YEAR:
            start, end = year_bounds(start.year if start else None, end.year if end else None)
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


# --- The partners' records ------------------------------------------------------------------

LISTS = ("organizations", "forums", "memberships", "roles", "frameworks", "relationships")
_NAMED = {"acronym_en", "acronym_fr", "description_en", "description_fr"}


def _named(files: PartnerFiles, check: Checker, item: LineMapping) -> dict[str, Any]:
    """What organizations, forums and frameworks share: bilingual names, acronyms, descriptions."""
    return {
        **check.bilingual(item, "name", required=True),
        **check.bilingual(item, "acronym", required=False),
        **check.bilingual(item, "description", required=False),
        **files.provenance(check, item),
    }


def _organization(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _forum(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _memberships(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _role(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _framework(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _relationship(files: PartnerFiles, check: Checker, item: LineMapping) -> list[Record]:
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


def _check_role_overlaps(files: PartnerFiles, roles: list[Record]) -> None:
    """No two roles of the files overlap where they may not (partners/periods.py)."""
    spans: list[tuple[RoleSpan, Record]] = []
    for record in roles:
        fields = {**record.lookup, **record.values}
        holder = fields.get("country_id") or fields.get("organization_id")
        span = RoleSpan(
            fields.get("forum_id"), holder, str(fields.get("role")), fields["start"], fields["end"]
        )
        for other, earlier in spans:
            if conflict(span, other):
                where = f"{earlier.path.name}:{earlier.line}"
                files.problems.append(
                    Problem(record.path, record.line, f"the role overlaps the role at {where}")
                )
        spans.append((span, record))


def load_partners(directory: Path) -> dict[str, int]:
    """Load organizations, forums, memberships, roles, frameworks and relationships from the
    YAML files in `directory`; returns counts such as {"forum created": 12, …}.

    Raises ReferenceDataError listing every problem as file:line: reason, before anything is
    written. Records are matched by slug (memberships, roles and relationships by forum, party
    and start) and saved only where a value differs; records no longer in the files are left in
    place."""
    files = PartnerFiles(directory, LISTS)
    records: list[Record] = []
    for name in LISTS:
        reader, what = _READERS[name]
        found = [
            record for check, item in files.entries[name] for record in reader(files, check, item)
        ]
        files.check_unique(found, what)
        records += found
    _check_role_overlaps(files, [r for r in records if r.model is ForumRole])
    files.check_lengths(records)
    files.raise_problems()
    report = LoadReport()
    write_records(records, report)
    return report.as_counts()
