"""CSV import of engagements and of their follow-ups (docs/engagements-import.md).

Every row is validated before anything is written; a file with any rejected row writes nothing,
and the report lists every rejected row with its line, column and reason. A valid file is written
in one transaction under `change_context(actor="import:engagements")`, each record created or
brought up to date (saved only where something differs), so importing the same file twice changes
nothing the second time.

An engagement is identified by its English title and start date (the model has no external
identifier); a follow-up by its engagement and its English action. The row reader, the report
and the header check are the network importer's (network/importers.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import translation

from passerelle.core.changelog import change_context
from passerelle.core.classification import Classification
from passerelle.core.links import with_hidden_links
from passerelle.core.models import User
from passerelle.core.reader import reading_as_user
from passerelle.core.uploads import LimitExceeded, read_limited
from passerelle.engagements.models import (
    CANADIAN_LEVELS,
    Engagement,
    FollowUp,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.network.importers import ImportReport, RowError, RowReader, read_rows, upsert
from passerelle.partners.models import Forum, Organization

KINDS = ("engagements", "follow-ups")
ACTOR = "import:engagements"
LIST_SEPARATOR = ";"

ENGAGEMENT_REQUIRED = ("title_en", "title_fr", "start_date", "kind", "channel")
ENGAGEMENT_OPTIONAL = (
    "reference",
    "end_date",
    "place_en",
    "place_fr",
    "countries",
    "organizations",
    "forum",
    "topics",
    "objectives",
    "canadian_levels",
    "summary_en",
    "summary_fr",
    "outcomes_en",
    "outcomes_fr",
    "classification",
    "illustrative",
)
FOLLOW_UP_REQUIRED = ("engagement", "engagement_date", "action_en", "owner")
FOLLOW_UP_OPTIONAL = ("action_fr", "due", "status", "completed", "classification", "illustrative")

_TRUE, _FALSE = ("true", "yes", "oui", "1"), ("false", "no", "non", "0")


def _labels(choices: Iterable[tuple[Any, Any]]) -> dict[str, str]:
    """Each value, and its label in English and in French, folded → the value."""
    names: dict[str, str] = {}
    for value, label in choices:
        names[str(value).casefold()] = str(value)
        for language in ("en", "fr"):
            with translation.override(language):
                names[str(label).casefold()] = str(value)
    return names


class Row(RowReader):
    """The network's row reader, reading choices by value or by label (English or French), and
    lists separated by semicolons."""

    def labelled(self, column: str, choices: Iterable[tuple[Any, Any]], default: str = "") -> str:
        return self.label_value(column, self.raw(column) or default, choices)

    def label_value(self, column: str, value: str, choices: Iterable[tuple[Any, Any]]) -> str:
        """The choice whose value or label is `value`; an error (and "") otherwise."""
        pairs = list(choices)
        found = _labels(pairs).get(value.casefold())
        if found is None:
            allowed = ", ".join(str(v) for v, _label in pairs)
            self.error(
                column, f"{value!r} is not one of {allowed}" if value else "a value is required"
            )
            return ""
        return found

    def classification(self, column: str = "classification") -> int:
        value = self.raw(column)
        if not value:
            return int(Classification.UNCLASSIFIED)
        names = _labels(Classification.choices)
        names.update({level.name.casefold(): str(level.value) for level in Classification})
        names.update({name.replace("_", " "): v for name, v in list(names.items())})
        found = names.get(value.casefold())
        if found is None:
            allowed = ", ".join(level.name.lower() for level in Classification)
            self.error(column, f"{value!r} is not one of {allowed}")
            return int(Classification.UNCLASSIFIED)
        return int(found)

    def boolean(self, column: str, *, default: bool = False) -> bool:
        value = self.raw(column).casefold()
        if not value:
            return default
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.error(column, f"{value!r} is not true or false")
        return default

    def codes(self, column: str) -> list[str]:
        return [code.strip() for code in self.raw(column).split(LIST_SEPARATOR) if code.strip()]

    def records(self, column: str, known: Mapping[str, Any], what: str) -> list[Any]:
        """The records a list of codes names; every unknown code is an error."""
        found = []
        for code in self.codes(column):
            record = known.get(code.upper() if what == "country" else code)
            if record is None:
                self.error(column, f"unknown {what} {code!r}")
            else:
                found.append(record)
        return found


@dataclass
class Known:
    """What a row may name: countries by ISO code; the organizations, forums, topics,
    objectives and engagements the importer may see."""

    countries: Mapping[str, Country]
    organizations: Mapping[str, Organization]
    forums: Mapping[str, Forum]
    topics: Mapping[str, Topic]
    objectives: Mapping[str, Objective]
    engagements: Mapping[tuple[str, datetime.date], list[Engagement]]
    # the references of the engagements the importer may see, by classification: a reference
    # is unique within a classification (every engagement of which the importer may see)
    references: Mapping[tuple[str, int], Engagement] = field(default_factory=dict)

    def engagement_named(self, title: str, day: datetime.date) -> list[Engagement]:
        """The engagements of that day titled so in English, else in French (as the list
        pages export them in the page's language)."""
        english = self.engagements.get((title, day), [])
        if english:
            return english
        return [
            engagement
            for (_title, start), found in self.engagements.items()
            if start == day
            for engagement in found
            if engagement.title_fr == title
        ]

    @classmethod
    def for_user(cls, user: User) -> Known:
        countries: dict[str, Country] = {}
        for country in Country.objects.restrict(user, "view"):
            countries[country.iso_alpha3] = countries[country.iso_alpha2] = country

        def by_slug(model: Any) -> dict[str, Any]:
            return {record.slug: record for record in model.objects.restrict(user, "view")}

        engagements: dict[tuple[str, datetime.date], list[Engagement]] = {}
        for engagement in Engagement.objects.restrict(user, "view"):
            engagements.setdefault((engagement.title_en, engagement.start_date), []).append(
                engagement
            )
        return cls(
            countries=countries,
            organizations=by_slug(Organization),
            forums=by_slug(Forum),
            topics=by_slug(Topic),
            objectives=by_slug(Objective),
            engagements=engagements,
            references={
                (e.reference, e.classification): e
                for e in Engagement.objects.restrict(user, "view").exclude(reference="")
            },
        )


@dataclass
class Parsed:
    """A valid row: the key that finds its record, its field values, its many-to-many links
    (field → records) and, for an engagement, the levels at which Canada took part."""

    line: int
    key: dict[str, Any]
    values: dict[str, Any]
    links: dict[str, list[Any]] = field(default_factory=dict)
    levels: list[str] | None = None


def parse_engagement(row: Row, known: Known) -> Parsed:
    start, end = row.period("start_date", "end_date")
    if start is None and not row.raw("start_date"):
        row.error("start_date", "a date is required")
    canadian = [(level.value, level.label) for level in CANADIAN_LEVELS]
    levels = [row.label_value("canadian_levels", v, canadian) for v in row.codes("canadian_levels")]
    values = {
        "title_fr": row.text("title_fr", max_length=250),
        "end_date": end,
        "kind": row.labelled("kind", Engagement.Kind.choices),
        "channel": row.labelled("channel", Engagement.Channel.choices),
        "place_en": row.text("place_en", required=False),
        "place_fr": row.text("place_fr", required=False),
        "forum": row.known("forum", known.forums, "forum"),
        "summary_en": row.text("summary_en", required=False, max_length=20000),
        "summary_fr": row.text("summary_fr", required=False, max_length=20000),
        "outcomes_en": row.text("outcomes_en", required=False, max_length=20000),
        "outcomes_fr": row.text("outcomes_fr", required=False, max_length=20000),
        **row.provenance(),
    }
    links = {
        "countries": row.records("countries", known.countries, "country"),
        "organizations": row.records("organizations", known.organizations, "organization"),
        "topics": row.records("topics", known.topics, "topic"),
        "objectives": row.records("objectives", known.objectives, "objective"),
    }
    title = row.text("title_en", max_length=250)
    reference = row.text("reference", required=False, max_length=40)
    if (reference, values["classification"]) in known.references:
        # matched by its reference: its title and date may change
        key: dict[str, Any] = {"reference": reference, "classification": values["classification"]}
        values |= {"title_en": title, "start_date": start}
        return Parsed(row.line, key, values, links, levels=[lv for lv in levels if lv])
    matches = known.engagements.get((title, start), []) if start is not None else []
    _check_one(row, matches, "title_en,start_date")
    if reference:
        values["reference"] = reference
        for match in matches:
            if match.reference:
                row.error(
                    "reference", f"the engagement matched has the reference {match.reference!r}"
                )
    key = {"title_en": title, "start_date": start}
    return Parsed(row.line, key, values, links, levels=[lv for lv in levels if lv])


def parse_follow_up(row: Row, known: Known) -> Parsed:
    title = row.text("engagement", max_length=250)
    day = row.date("engagement_date", required=True)
    matches = known.engagement_named(title, day) if day else []
    if title and day and not matches:
        row.error("engagement", f"no engagement {title!r} on {day} that you may see")
    _check_one(row, matches, "engagement,engagement_date")
    values = {
        "action_fr": row.text("action_fr", required=False, max_length=5000),
        "owner": row.text("owner"),
        "due": row.date("due"),
        "status": row.labelled("status", FollowUp.Status.choices, default="open"),
        "completed": row.date("completed"),
        **row.provenance(),
    }
    key = {
        "engagement": matches[0] if len(matches) == 1 else None,
        "action_en": row.text("action_en", max_length=5000),
    }
    return Parsed(row.line, key, values)


def _check_one(row: Row, matches: list[Any], columns: str) -> None:
    if len(matches) > 1:
        row.error(columns, f"{len(matches)} records match; give them distinct titles first")


Parser = Callable[[Row, Known], Parsed]


@dataclass(frozen=True)
class FileKind:
    """One kind of file: its model, parser and columns."""

    model: type[models.Model]
    parse: Parser
    required: tuple[str, ...]
    optional: tuple[str, ...]
    key_columns: str

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


FILE_KINDS: dict[str, FileKind] = {
    "engagements": FileKind(
        Engagement,
        parse_engagement,
        ENGAGEMENT_REQUIRED,
        ENGAGEMENT_OPTIONAL,
        "title_en,start_date",
    ),
    "follow-ups": FileKind(
        FollowUp,
        parse_follow_up,
        FOLLOW_UP_REQUIRED,
        FOLLOW_UP_OPTIONAL,
        "engagement,engagement_date,action_en",
    ),
}


def read_file(text: str, spec: FileKind) -> tuple[list[Row], list[RowError]]:
    """The rows of the file (at most IMPORT_MAX_ROWS), its leading `#` marking lines (as an
    export writes) skipped; line numbers are the file's own."""
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].startswith("#"):
        skipped += 1
    rows, errors = read_rows(
        "".join(lines[skipped:]),
        required=spec.required,
        allowed=spec.columns,
        max_rows=settings.IMPORT_MAX_ROWS,
    )
    errors = [dataclasses.replace(error, row=error.row + skipped) for error in errors]
    return [Row(row.line + skipped, row.data) for row in rows], errors


def parse_rows(
    rows: Iterable[Row], spec: FileKind, known: Known
) -> tuple[list[Parsed], list[RowError]]:
    """Every row parsed; a row naming the same record as an earlier one is rejected."""
    parsed, errors = [], []
    first_line: dict[tuple[Any, ...], int] = {}
    for row in rows:
        result = spec.parse(row, known)
        key = tuple(getattr(v, "pk", v) for v in result.key.values())
        if all(key) and key in first_line:
            row.error(spec.key_columns, f"duplicate of line {first_line[key]}")
        first_line.setdefault(key, row.line)
        errors.extend(row.errors)
        if not row.errors:
            parsed.append(result)
    return parsed, errors


def check_rights(spec: FileKind, parsed: list[Parsed], user: User) -> list[RowError]:
    """A row may not classify above the importer's clearance nor touch a record they may not
    change."""
    errors = []
    changeable: Any = spec.model.objects.restrict(user, "change")  # type: ignore[attr-defined]
    for row in parsed:
        if row.values["classification"] > user.clearance:
            label = Classification(user.clearance).label
            errors.append(RowError(row.line, "classification", f"above your clearance ({label})"))
        visible = spec.model.objects.restrict(user, "view").filter(**row.key)  # type: ignore[attr-defined]
        if visible.exists() and not changeable.filter(**row.key).exists():
            reason = "you may not change this record"
            errors.append(RowError(row.line, ",".join(row.key), reason))
    return errors


def _set_links(instance: Any, links: dict[str, list[Any]], user: User) -> bool:
    """Link exactly the records the file names, keeping the links to records the importer may
    not see (the file cannot name them: dropping them would lose what others recorded)."""
    changed = False
    for name, records in links.items():
        records = with_hidden_links(instance=instance, field=name, chosen=records, user=user)
        wanted = {record.pk for record in records}
        if set(getattr(instance, name).values_list("pk", flat=True)) != wanted:
            getattr(instance, name).set(records)
            changed = True
    return changed


def _set_levels(
    engagement: Engagement, levels: list[str], provenance: dict[str, Any], user: User
) -> bool:
    """Canada took part at `levels`: add a participant for a level missing; remove the unnamed
    Canadian participants at other levels that the importer may see (named ones are kept: they
    were recorded by hand; those above the importer's clearance are not theirs to remove)."""
    canadians = engagement.participants.filter(side=Participant.Side.CANADA)
    present = set(canadians.values_list("level", flat=True))
    changed = False
    for level in levels:
        if level not in present:
            Participant(engagement=engagement, side="canada", level=level, **provenance).save()
            changed = True
    removable = canadians.filter(name="", classification__lte=user.clearance)
    for participant in removable.exclude(level__in=levels):
        participant.delete()
        changed = True
    return changed


def write(spec: FileKind, parsed: Iterable[Parsed], report: ImportReport, user: User) -> None:
    for row in parsed:
        outcome = upsert(spec.model, row.key, row.values)
        instance: Any = spec.model._default_manager.get(**row.key)
        linked = _set_links(instance, row.links, user)
        if row.levels is not None:
            provenance = {k: row.values[k] for k in ("classification", "illustrative")}
            linked = _set_levels(instance, row.levels, provenance, user) or linked
        report.count("updated" if outcome == "unchanged" and linked else outcome)


def import_csv(
    kind: str, file: IO[bytes] | IO[str], *, user: User, dry_run: bool = False
) -> ImportReport:
    """Import a CSV file of `kind` ("engagements" or "follow-ups"), all or nothing; with
    `dry_run`, check and count everything and write nothing.

    Raises PermissionDenied unless `user` may add and change records of that kind."""
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    spec = FILE_KINDS[kind]
    meta = spec.model._meta
    for action in ("add", "change"):
        if not user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
            raise PermissionDenied(f"You may not {action} {meta.verbose_name_plural}.")
    report = ImportReport(kind=kind)
    try:
        content = read_limited(file)
    except LimitExceeded as exceeded:
        report.errors.append(RowError(1, "", str(exceeded)))
        return report
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append(RowError(1, "", "the file is not UTF-8 text"))
            return report
    rows, report.errors = read_file(content.lstrip("\ufeff"), spec)
    report.rows = len(rows)
    if report.errors:
        return report
    parsed, report.errors = parse_rows(rows, spec, Known.for_user(user))
    if not report.errors:
        report.errors = check_rights(spec, parsed, user)
    if report.errors:
        return report
    with transaction.atomic(), change_context(actor=ACTOR, user=user), reading_as_user(user):
        write(spec, parsed, report, user)
        if dry_run:
            transaction.set_rollback(True)
    return report
