"""CSV import of engagements and of their follow-ups (docs/engagements-import.md): the row
parsers and columns over the kernel's import framework (core/importing), which validates every
row before writing, writes all or nothing in one transaction under `change_context(actor=
"import:engagements")`, and creates each record or brings it up to date (saved only where
something differs), so importing the same file twice changes nothing the second time.

An engagement is identified by its reference where it has one, else by its English title and
start date (the model has no other external identifier); a follow-up by its engagement and its
English action. Choices are read by value or label, lists separated by semicolons.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from passerelle.core.importing.cells import RowReader
from passerelle.core.importing.importer import FileKind, Importer, ParsedRow
from passerelle.core.importing.report import ImportReport
from passerelle.core.models import User
from passerelle.engagements.models import (
    CANADIAN_LEVELS,
    Engagement,
    FollowUp,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

KINDS = ("engagements", "follow-ups")

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
class Parsed(ParsedRow):
    """A valid row; for an engagement, also the levels at which Canada took part."""

    levels: list[str] | None = None


def parse_engagement(row: RowReader, known: Known) -> Parsed:
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


def parse_follow_up(row: RowReader, known: Known) -> Parsed:
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


def _check_one(row: RowReader, matches: list[Any], columns: str) -> None:
    if len(matches) > 1:
        row.error(columns, f"{len(matches)} records match; give them distinct titles first")


FILE_KINDS: dict[str, FileKind] = {
    "engagements": FileKind(
        Engagement,
        parse_engagement,
        ENGAGEMENT_REQUIRED,
        ENGAGEMENT_OPTIONAL,
        key_columns="title_en,start_date",
    ),
    "follow-ups": FileKind(
        FollowUp,
        parse_follow_up,
        FOLLOW_UP_REQUIRED,
        FOLLOW_UP_OPTIONAL,
        key_columns="engagement,engagement_date,action_en",
    ),
}


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


class EngagementsImporter(Importer[Known]):
    """Engagements (with their links and Canadian levels) and follow-ups."""

    actor = "import:engagements"
    kinds = FILE_KINDS

    def known(self, user: User) -> Known:
        return Known.for_user(user)

    def after_write(self, instance: Any, parsed: ParsedRow, user: User | None) -> bool:
        levels = getattr(parsed, "levels", None)
        if levels is None or user is None:
            return False
        provenance = {k: parsed.values[k] for k in ("classification", "illustrative")}
        return _set_levels(instance, levels, provenance, user)


ENGAGEMENTS = EngagementsImporter()


def import_csv(
    kind: str, file: IO[bytes] | IO[str], *, user: User, dry_run: bool = False
) -> ImportReport:
    """Import a CSV file of `kind` ("engagements" or "follow-ups"), all or nothing; with
    `dry_run`, check and count everything and write nothing.

    Raises PermissionDenied unless `user` may add and change records of that kind."""
    return ENGAGEMENTS.run(kind, file, user=user, dry_run=dry_run)
