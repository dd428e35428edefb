"""The engagements' reference data: data/reference/engagements/*.yaml (docs/reference-data.md).

The controlled vocabularies (topics; the binder's seven opportunities and seven diplomacy goals)
and the binder's recent key engagements, read and written like the partners' reference data
(passerelle/partners/reference.py), after it, in `load-reference`'s transaction.

The binder dates none of its recent key engagements. An engagement marked `date_as_reported`
carries the binder's date as its start date; the summary says so in both languages and the
start date's citation says so too, so the date is never presented as that of a meeting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from passerelle.core.reference.loader import LoadReport
from passerelle.core.reference.records import Record, RecordFiles, write_records
from passerelle.core.reference.schema import Checker, CitationSpec
from passerelle.core.reference.yamlio import LineMapping
from passerelle.engagements.models import Engagement, Objective, Topic
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

LISTS = ("topics", "objectives", "engagements")
BINDER = "ircc-dm-transition-binder-2024"
_COMMON = {"classification", "illustrative", "citations"}

AS_REPORTED_EN = (
    "The binder lists this among IRCC’s recent key engagements without a date: the date shown, "
    "{date}, is that of the binder, not of a meeting."
)
AS_REPORTED_FR = (
    "Le cahier de transition mentionne cet engagement parmi les principaux engagements récents "
    "d’IRCC sans le dater : la date indiquée, le {date}, est celle du cahier et non celle d’une "
    "rencontre."
)


def _ordered(
    files: RecordFiles, check: Checker, item: LineMapping, position: int, model: type[Any]
) -> tuple[str, dict[str, Any]]:
    order = item.get("order", position)
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        check.fail(item.line_of("order"), f"'order' {order!r} is not a whole number")
        order = position
    slug = check.slug(item, "slug")
    files.declare(model, slug)
    values = {
        **check.bilingual(item, "name", required=True),
        "order": order,
        **files.provenance(check, item),
    }
    return slug, values


def _topic(files: RecordFiles, check: Checker, item: LineMapping, position: int) -> list[Record]:
    required = {"slug", "name_en", "name_fr", "citations"}
    if not check.fields(item, required=required, optional=_COMMON | {"order"}):
        return []
    slug, values = _ordered(files, check, item, position, Topic)
    citations = files.citations(check, item, Topic)
    return [Record(Topic, {"slug": slug}, values, citations, check.path, item.line)]


def _objective(
    files: RecordFiles, check: Checker, item: LineMapping, position: int
) -> list[Record]:
    required = {"slug", "kind", "name_en", "name_fr", "citations"}
    optional = _COMMON | {"order", "description_en", "description_fr"}
    if not check.fields(item, required=required, optional=optional):
        return []
    slug, values = _ordered(files, check, item, position, Objective)
    values["kind"] = check.choice(item, "kind", Objective.Kind.values)
    values |= check.bilingual(item, "description", required=False)
    citations = files.citations(check, item, Objective)
    return [Record(Objective, {"slug": slug}, values, citations, check.path, item.line)]


_ENGAGEMENT_FIELDS = {"end_date", "place_en", "place_fr", "place_country", "countries"}
_ENGAGEMENT_FIELDS |= {"organizations", "forum", "topics", "objectives", "summary_en"}
_ENGAGEMENT_FIELDS |= {"summary_fr", "outcomes_en", "outcomes_fr", "date_as_reported"}
_ENGAGEMENT_FIELDS |= {"classification", "citations"}


def _engagement(
    files: RecordFiles, check: Checker, item: LineMapping, _position: int
) -> list[Record]:
    required = {"title_en", "title_fr", "start_date", "kind", "channel", "citations"}
    if not check.fields(item, required=required, optional=_ENGAGEMENT_FIELDS):
        return []
    start, end = check.date(item, "start_date"), check.date(item, "end_date")
    if item.get("start_date") in (None, ""):
        check.fail(item.line_of("start_date"), "'start_date' must not be empty")
    if start and end and end < start:
        check.fail(item.line_of("end_date"), "'end_date' is before 'start_date'")
    values: dict[str, Any] = {
        "title_fr": check.text(item, "title_fr", required=True),
        "start_date": start,
        "end_date": end,
        "kind": check.choice(item, "kind", Engagement.Kind.values),
        "channel": check.choice(item, "channel", Engagement.Channel.values),
        **check.bilingual(item, "place", required=False),
        "place_country_id": files.ref(check, item, "place_country", Country),
        "forum_id": files.ref(check, item, "forum", Forum),
        **check.bilingual(item, "summary", required=False),
        **check.bilingual(item, "outcomes", required=False),
        "classification": check.classification(item),
    }
    citations = files.citations(check, item, Engagement)
    if check.flag(item, "date_as_reported") and start:
        _state_the_date_is_the_binders(values, citations, start, item.line)
    # Reference engagements are cited, never illustrative: matched by title among them.
    lookup = {"title_en": check.text(item, "title_en", required=True), "illustrative": False}
    many = {
        "countries": files.refs(check, item, "countries", Country),
        "organizations": files.refs(check, item, "organizations", Organization),
        "topics": files.refs(check, item, "topics", Topic),
        "objectives": files.refs(check, item, "objectives", Objective),
    }
    return [Record(Engagement, lookup, values, citations, check.path, item.line, many=many)]


_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _spelled(day: date) -> tuple[str, str]:
    """1 February 2024 / 1er février 2024 (content, written once, not formatted per request)."""
    first = "1er" if day.day == 1 else str(day.day)
    return (
        f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}",
        f"{first} {_MONTHS_FR[day.month - 1]} {day.year}",
    )


def _state_the_date_is_the_binders(
    values: dict[str, Any], citations: list[CitationSpec], day: date, line: int
) -> None:
    for language, note, spelled in zip(
        ("en", "fr"), (AS_REPORTED_EN, AS_REPORTED_FR), _spelled(day), strict=True
    ):
        summary = values[f"summary_{language}"]
        values[f"summary_{language}"] = "\n\n".join(
            part for part in (summary, note.format(date=spelled)) if part
        )
    if not any(c.field == "start_date" and c.source == BINDER for c in citations):
        citations.append(
            CitationSpec(
                source=BINDER,
                field="start_date",
                locator_en="International Bilateral and Regional Engagement",
                locator_fr="Engagement international bilatéral et régional",
                note="Undated in the binder: the binder’s date, as reported, not a meeting date.",
                line=line,
            )
        )


_READERS = {
    "topics": (_topic, "topic"),
    "objectives": (_objective, "objective"),
    "engagements": (_engagement, "engagement (English title)"),
}


def load_engagements(directory: Path) -> dict[str, int]:
    """Load topics, objectives and the binder's engagements from the YAML files in
    `directory`; returns counts such as {"topic created": 20, …}.

    Raises ReferenceDataError listing every problem as file:line: reason, before anything is
    written. Topics and objectives are matched by slug, engagements by English title among the
    non-illustrative ones, and saved only where a value differs."""
    files = RecordFiles(directory, LISTS)
    records: list[Record] = []
    for name in LISTS:
        reader, what = _READERS[name]
        found = [
            record
            for position, (check, item) in enumerate(files.entries[name], start=1)
            for record in reader(files, check, item, position)
        ]
        files.check_unique(found, what)
        records += found
    files.check_lengths(records)
    files.raise_problems()
    report = LoadReport()
    write_records(records, report)
    return report.as_counts()
