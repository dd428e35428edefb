"""The program's reference data: data/reference/programs/*.yaml (docs/programs.md).

The binder's six funding envelopes and three initiatives (with their figures), read and written
like the partners' reference data (passerelle/partners/reference.py), after it, inside
`load-reference`'s transaction: every problem is reported as file:line before anything is
written, and a second load writes nothing. A record's `supersedes` names the fact of the fact
table it replaces (the binder's capacity-building facts now live in these records): that fact is
removed, so the Fundamental Brief reads the record, not a copy.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from passerelle.core.models import Fact
from passerelle.core.reference.loader import LoadReport
from passerelle.core.reference.records import Record, RecordFiles, Ref, write_records
from passerelle.core.reference.schema import Checker
from passerelle.core.reference.yamlio import LineMapping
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization
from passerelle.programs.models import FundingEnvelope, Initiative, InitiativeFigure

LISTS = ("envelopes", "initiatives")
_COMMON = {"classification", "illustrative", "citations", "order", "supersedes"}


def _order(check: Checker, item: LineMapping, position: int) -> int:
    order = item.get("order", position)
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        check.fail(item.line_of("order"), f"'order' {order!r} is not a whole number")
        return position
    return order


def _envelope(
    files: RecordFiles, check: Checker, item: LineMapping, position: int, superseded: list[str]
) -> list[Record]:
    optional = _COMMON | {"description_en", "description_fr"}
    if not check.fields(item, required={"slug", "name_en", "name_fr"}, optional=optional):
        return []
    slug = check.slug(item, "slug")
    files.declare(FundingEnvelope, slug)
    values = {
        **check.bilingual(item, "name", required=True),
        **check.bilingual(item, "description", required=False),
        "order": _order(check, item, position),
        **files.provenance(check, item),
    }
    if item.get("supersedes"):
        superseded.append(check.text(item, "supersedes"))
    citations = files.citations(check, item, FundingEnvelope)
    return [Record(FundingEnvelope, {"slug": slug}, values, citations, check.path, item.line)]


def _established(check: Checker, item: LineMapping) -> dict[str, Any]:
    raw = item.get("established")
    precision = item.get("established_precision", "day")
    if precision not in Initiative.Precision.values:
        check.fail(item.line_of("established_precision"), f"unknown precision {precision!r}")
        precision = "day"
    if raw in (None, ""):
        return {"established": None, "established_precision": precision}
    from datetime import date

    text = str(raw)
    try:
        if precision == "year":
            found = date(int(text), 1, 1)
        elif precision == "month":
            year, month = text.split("-")
            found = date(int(year), int(month), 1)
        else:
            found = date.fromisoformat(text)
    except ValueError:
        check.fail(item.line_of("established"), f"'established' {raw!r} is not a {precision}")
        found = None
    return {"established": found, "established_precision": precision}


_FIGURE_FIELDS = {"key", "label_en", "label_fr", "value"}
_FIGURE_OPTIONAL = {"display_en", "display_fr", "period_en", "period_fr", "supersedes"}


def _figures(
    files: RecordFiles,
    check: Checker,
    item: LineMapping,
    slug: str,
    superseded: list[str],
) -> list[Record]:
    records = []
    value = item.get("figures") or []
    if not isinstance(value, list):
        check.fail(item.line_of("figures"), "'figures' must be a list")
        return []
    for position, entry in enumerate(value):
        figure = check.mapping(entry, item.line_of("figures"), "a figure")
        if figure is None or not check.fields(
            figure, required=_FIGURE_FIELDS, optional=_FIGURE_OPTIONAL
        ):
            continue
        try:
            number = Decimal(str(figure.get("value")))
        except InvalidOperation:
            check.fail(figure.line_of("value"), f"'value' {figure.get('value')!r} is not a number")
            number = Decimal(0)
        if figure.get("supersedes"):
            superseded.append(check.text(figure, "supersedes"))
        values = {
            **check.bilingual(figure, "label", required=True),
            **check.bilingual(figure, "display", required=False),
            **check.bilingual(figure, "period", required=False),
            "value": number,
            "order": position,
            **files.provenance(check, item),
        }
        lookup = {"initiative_id": Ref(Initiative, "slug", slug), "key": check.slug(figure, "key")}
        # A figure is cited as its initiative is (the binder's same passage), for its value.
        citations = [c for c in files.citations(check, item, Initiative)]
        for citation in citations:
            citation.field = "value"
        records.append(Record(InitiativeFigure, lookup, values, citations, check.path, figure.line))
    return records


def _initiative(
    files: RecordFiles, check: Checker, item: LineMapping, position: int, superseded: list[str]
) -> list[Record]:
    optional = _COMMON | {"acronym_en", "acronym_fr", "description_en", "description_fr"}
    optional |= {"established", "established_precision", "forum", "organizations", "countries"}
    optional |= {"figures"}
    if not check.fields(item, required={"slug", "name_en", "name_fr"}, optional=optional):
        return []
    slug = check.slug(item, "slug")
    files.declare(Initiative, slug)
    values = {
        **check.bilingual(item, "name", required=True),
        **check.bilingual(item, "acronym", required=False),
        **check.bilingual(item, "description", required=False),
        **_established(check, item),
        "forum_id": files.ref(check, item, "forum", Forum),
        "order": _order(check, item, position),
        **files.provenance(check, item),
    }
    if item.get("supersedes"):
        superseded.append(check.text(item, "supersedes"))
    many = {
        "organizations": files.refs(check, item, "organizations", Organization),
        "countries": files.refs(check, item, "countries", Country),
    }
    citations = files.citations(check, item, Initiative)
    initiative = Record(
        Initiative, {"slug": slug}, values, citations, check.path, item.line, many=many
    )
    return [initiative, *_figures(files, check, item, slug, superseded)]


def load_programs(directory: Path) -> dict[str, int]:
    """Load the funding envelopes and initiatives in `directory`; returns counts such as
    {"funding envelope created": 6, …}. Raises ReferenceDataError listing every problem."""
    files = RecordFiles(directory, LISTS)
    superseded: list[str] = []
    records: list[Record] = []
    for position, (check, item) in enumerate(files.entries["envelopes"]):
        records += _envelope(files, check, item, position, superseded)
    for position, (check, item) in enumerate(files.entries["initiatives"]):
        records += _initiative(files, check, item, position, superseded)
    files.check_unique(records, "envelope, initiative or figure")
    files.check_lengths(records)
    files.raise_problems()
    report = LoadReport()
    write_records(records, report)
    counts = report.as_counts()
    stale = Fact._base_manager.filter(key__in=superseded)
    removed = 0
    for fact in stale:
        fact.delete()
        removed += 1
    if removed:
        counts["superseded fact deleted"] = removed
    return counts
