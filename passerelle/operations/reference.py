"""The operations' reference data: data/reference/operations/*.yaml, IRCC's published service
standards with their sources (format in docs/reference-data.md).

Read and written like the partners' reference data (passerelle/partners/reference.py), in
`load-reference`'s transaction: every problem is reported as file:line before anything is
written, and a second load of the same files writes nothing. A standard is matched by program.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from passerelle.core.reference.loader import LoadReport
from passerelle.core.reference.records import Record, RecordFiles, write_records
from passerelle.core.reference.schema import Checker
from passerelle.core.reference.yamlio import LineMapping
from passerelle.operations.codes import PROGRAMS
from passerelle.operations.models import ServiceStandard

LISTS = ("standards",)
_OPTIONAL = {"classification", "illustrative", "target", "notes_en", "notes_fr"}


def _number(check: Checker, item: LineMapping, name: str, *, whole: bool, default: Any) -> Any:
    """A number (a whole one if `whole`), or None when it is not one (the problem noted)."""
    value = item.get(name, default)
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        what = "a whole number" if whole else "a number"
        check.fail(item.line_of(name), f"{name!r} {value!r} is not {what}")
        return None
    return value


def _standard(files: RecordFiles, check: Checker, item: LineMapping) -> list[Record]:
    if not check.fields(item, required={"program", "days", "citations"}, optional=_OPTIONAL):
        return []
    days = _number(check, item, "days", whole=True, default=None)
    if days is not None and days <= 0:
        check.fail(item.line_of("days"), f"'days' {days!r} must be above 0")
    target = _number(check, item, "target", whole=False, default=0.8)
    if target is not None and not 0 < target <= 1:
        check.fail(item.line_of("target"), f"'target' {target!r} must be above 0 and at most 1")
    values = {
        "days": days,
        "target": float(target or 0),
        **check.bilingual(item, "notes", required=False),
        **files.provenance(check, item),
    }
    lookup = {"program": check.choice(item, "program", list(PROGRAMS))}
    citations = files.citations(check, item, ServiceStandard)
    return [Record(ServiceStandard, lookup, values, citations, check.path, item.line)]


def load_operations(directory: Path) -> dict[str, int]:
    """Load the service standards of the YAML files in `directory`; returns counts such as
    {"service standard created": 6}. Raises ReferenceDataError (file:line: reason) before
    anything is written. Standards no longer in the files are left in place."""
    files = RecordFiles(directory, LISTS)
    records = [
        record
        for check, item in files.entries["standards"]
        for record in _standard(files, check, item)
    ]
    files.check_unique(records, "service standard (program)")
    files.raise_problems()
    report = LoadReport()
    write_records(records, report)
    return report.as_counts()
