"""Validation of IATI files against the 2.03 schemas carried in data/iati-2.03 (lxml), with the
line of each error, and the error that names what failed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lxml import etree

from passerelle.core.importing.report import RowError
from passerelle.programs.codelists import IATI_DIR

ACTIVITIES = "iati-activities-schema.xsd"
ORGANISATIONS = "iati-organisations-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class SchemaError:
    line: int
    message: str
    activity: str = ""  # the activity (or project) the error is in, where known
    element: str = ""  # the element the error is at

    def __str__(self) -> str:
        where = f" ({self.activity})" if self.activity else ""
        return f"line {self.line}{where}: {self.message}"

    def row_error(self, file: str = "") -> RowError:
        """The error as an import reports it (core/importing/report.py): the line, the element
        as the column, the schema's reason (with its activity)."""
        where = f" ({self.activity})" if self.activity else ""
        return RowError(self.line, self.element, f"{self.message}{where}", file)


class IATIError(Exception):
    """A file that is not valid IATI 2.03, or a project that would make one invalid."""

    def __init__(self, summary: str, errors: Sequence[SchemaError | RowError | str]) -> None:
        self.errors = errors
        lines = [summary, *(f"  {error}" for error in errors[:50])]
        if len(errors) > 50:
            lines.append(f"  … and {len(errors) - 50} more")
        super().__init__("\n".join(lines))


@cache
def schema(name: str) -> etree.XMLSchema:
    """A schema of the snapshot (its includes and imports resolved beside it)."""
    return etree.XMLSchema(etree.parse(str(IATI_DIR / name)))


def errors_of(document: bytes, schema_name: str) -> list[SchemaError]:
    """The schema's errors in `document`, each with its line and the identifier of the activity
    it falls in."""
    tree = etree.fromstring(document, etree.XMLParser(resolve_entities=False, no_network=True))
    checker = schema(schema_name)
    if checker.validate(tree):
        return []
    starts = sorted(
        (element.sourceline or 0, (element.findtext("iati-identifier") or "").strip())
        for element in tree.iter("iati-activity")
    )
    found = []
    for error in checker.error_log:
        activity = ""
        for line, identifier in starts:
            if line <= error.line:
                activity = identifier
        element = (error.path or "").rsplit("/", 1)[-1].split("[", 1)[0]
        found.append(SchemaError(error.line, error.message, activity, element))
    return found


def parse(document: bytes) -> etree._Element:
    """An XML file, parsed safely (no entities, no network); IATIError when it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(document, parser)
    except etree.XMLSyntaxError as error:
        raise IATIError(
            "Not an XML file.", [SchemaError(error.lineno or 0, str(error.msg))]
        ) from None
