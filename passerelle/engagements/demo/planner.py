"""Planning the demo set from a seeded generator over the vocabulary, touching no database: the
same seed, count and anchor always plan the same records."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import models

from passerelle.core.classification import Classification
from passerelle.engagements.demo.vocabulary import (
    ASKS,
    BILATERAL_KINDS,
    BILATERAL_MEETING,
    CANADA_LEVELS,
    COUNTERPART_LEVELS,
    COUNTRIES,
    FOLLOW_UPS,
    IRRITANT_EN,
    IRRITANT_FR,
    IRRITANT_KINDS,
    KINDS,
    MULTILATERAL_KINDS,
    OFFERS,
    ORGANIZATION_KINDS,
    OUTCOMES,
    OUTCOMES_FR,
    OWNERS,
    SUMMARY,
    SUMMARY_FR,
    UPCOMING_DAYS,
    YEARS,
    Vocabulary,
)
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Level,
    Participant,
    Topic,
)
from passerelle.geo.french import french_name
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization


@dataclass
class Planned:
    """One planned record: its model, how to find it, its values and many-to-many sets."""

    model: type[models.Model]
    lookup: dict[str, Any]
    values: dict[str, Any]
    many: dict[str, list[Any]] = field(default_factory=dict)
    children: list[Planned] = field(default_factory=list)
    instance: models.Model | None = None


class Planner:
    """Plans the demo set from a seeded generator; touches no database."""

    def __init__(self, vocabulary: Vocabulary, *, seed: int, today: date) -> None:
        self.v = vocabulary
        self.rng = random.Random(seed)
        self.today = today
        self.codes = sorted(vocabulary.countries)
        self.weights = [COUNTRIES[code][0] for code in self.codes]
        self.by_country: dict[str, list[Planned]] = {}

    def plan(self, count: int) -> list[Planned]:
        engagements: list[Planned] = []
        seen: set[tuple[str, date]] = set()
        while len(engagements) < count:
            planned = self.engagement()
            key = (planned.lookup["title_en"], planned.lookup["start_date"])
            if key in seen:
                continue
            seen.add(key)
            engagements.append(planned)
        return engagements + self.irritants()

    def _date(self) -> date:
        first = self.today - timedelta(days=365 * YEARS)
        if self.rng.random() < 0.08:
            return self.today + timedelta(days=self.rng.randint(1, UPCOMING_DAYS))
        return first + timedelta(days=self.rng.randint(0, (self.today - first).days))

    def _classification(self) -> int:
        roll = self.rng.random()
        if roll < 0.05:
            return Classification.PROTECTED_B
        return Classification.PROTECTED_A if roll < 0.17 else Classification.UNCLASSIFIED

    def _topics(self, code: str | None) -> list[Topic]:
        usual = [s for s in COUNTRIES[code][1] if s in self.v.topics] if code else []
        pool = usual or list(self.v.topics)
        chosen = self.rng.sample(pool, k=min(len(pool), self.rng.randint(1, 2)))
        if self.rng.random() < 0.3:
            chosen.append(self.rng.choice(list(self.v.topics)))
        return [self.v.topics[slug] for slug in dict.fromkeys(chosen)]

    def engagement(self) -> Planned:
        """One engagement: bilateral with one country; with an international organization (a
        meeting, call or dialogue, never "bilateral"); or in a forum, with some of the forum's
        recorded members on that date and no one else."""
        roll = self.rng.random()
        forum = None
        organizations: list[Organization] = []
        start = self._date()
        if roll < 0.6 or not self.v.forums:
            channel, kind = Engagement.Channel.BILATERAL, self.rng.choice(BILATERAL_KINDS)
            code = self.rng.choices(self.codes, weights=self.weights)[0]
            codes = [code]
            if self.v.organizations and self.rng.random() < 0.12:
                organizations, codes = [self.rng.choice(self.v.organizations)], []
                channel, kind = Engagement.Channel.MULTILATERAL, self.rng.choice(ORGANIZATION_KINDS)
        else:
            forum = self.rng.choice(self.v.forums)
            channel = (
                Engagement.Channel.REGIONAL
                if forum.scope == Forum.Scope.REGIONAL
                else Engagement.Channel.MULTILATERAL
            )
            kind = self.rng.choice(MULTILATERAL_KINDS)
            members = [m.party for m in self.v.members.get(forum.pk, []) if m.on(start)]
            member_codes = [p.iso_alpha3 for p in members if isinstance(p, Country)]
            member_organizations = [p for p in members if isinstance(p, Organization)]
            codes = self.rng.sample(member_codes, k=min(len(member_codes), self.rng.randint(0, 2)))
            if member_organizations and self.rng.random() < 0.3:
                organizations = [self.rng.choice(member_organizations)]
        topics = self._topics(codes[0] if codes else None)
        countries = [self.v.countries[c] for c in codes]
        partner = forum or (organizations[0] if organizations else countries[0])
        topic_en = ", ".join(t.name_en.lower() for t in topics)
        topic_fr = ", ".join(t.name_fr.lower() for t in topics)
        bilateral_meeting = channel == Engagement.Channel.BILATERAL and kind == "meeting"
        kind_en, kind_fr = BILATERAL_MEETING if bilateral_meeting else KINDS[kind]
        classification = self._classification()
        objectives = self.rng.sample(self.v.opportunities, k=min(len(self.v.opportunities), 1))
        objectives += self.rng.sample(
            self.v.goals, k=min(len(self.v.goals), self.rng.randint(0, 2))
        )
        past = start < self.today
        values = {
            "title_fr": f"{partner.name_fr} – {kind_fr} : {topic_fr}"[:250],
            "end_date": start + timedelta(days=self.rng.randint(1, 3))
            if kind in ("visit", "conference")
            else None,
            "kind": kind,
            "channel": channel,
            "place_country_id": countries[0].pk if countries and kind == "visit" else None,
            "forum_id": forum.pk if forum else None,
            "summary_en": SUMMARY.format(topics=topic_en),
            "summary_fr": SUMMARY_FR.format(topics=topic_fr),
            "outcomes_en": OUTCOMES if past else "",
            "outcomes_fr": OUTCOMES_FR if past else "",
            "classification": classification,
        }
        lookup = {
            "title_en": f"{partner.name_en} – {kind_en}: {topic_en}"[:250],
            "start_date": start,
            "illustrative": True,
        }
        planned = Planned(
            Engagement,
            lookup,
            values,
            many={
                "countries": countries,
                "organizations": organizations,
                "topics": topics,
                "objectives": objectives,
            },
        )
        planned.children = self.participants(countries, organizations, classification)
        planned.children += self.follow_ups(start, topics[0], classification)
        planned.children += self.commitments(start, countries, organizations, forum, topics[0])
        for code in codes:
            self.by_country.setdefault(code, []).append(planned)
        return planned

    def participants(
        self, countries: list[Country], organizations: list[Organization], classification: int
    ) -> list[Planned]:
        levels = list(CANADA_LEVELS)
        weights = [CANADA_LEVELS[level][0] for level in levels]
        chosen = dict.fromkeys(self.rng.choices(levels, weights=weights, k=self.rng.randint(1, 3)))
        planned = [
            Planned(
                Participant,
                {"side": Participant.Side.CANADA, "level": level, "name": ""},
                {
                    "position_en": CANADA_LEVELS[level][1],
                    "position_fr": CANADA_LEVELS[level][2],
                    "country_id": None,
                    "organization_id": None,
                    "classification": classification,
                    "illustrative": True,
                },
            )
            for level in chosen
        ]
        for party in [*countries[:2], *organizations[:1]]:
            is_org = isinstance(party, Organization)
            level = (
                Level.HEAD_OF_ORGANIZATION
                if is_org
                else self.rng.choice((Level.MINISTER, Level.AMBASSADOR, Level.OFFICIAL))
            )
            position_en, position_fr = COUNTERPART_LEVELS[level]
            planned.append(
                Planned(
                    Participant,
                    {
                        "side": Participant.Side.COUNTERPART,
                        "level": level,
                        "name": "",
                        "country_id": None if is_org else party.pk,
                        "organization_id": party.pk if is_org else None,
                    },
                    {
                        "position_en": position_en,
                        "position_fr": position_fr,
                        "classification": classification,
                        "illustrative": True,
                    },
                )
            )
        return planned

    def follow_ups(self, start: date, topic: Topic, classification: int) -> list[Planned]:
        actions = self.rng.sample(FOLLOW_UPS, k=self.rng.choice((0, 1, 1, 2)))
        planned = []
        for action_en, action_fr in actions:
            due = start + timedelta(days=self.rng.randint(14, 75))
            status, completed = FollowUp.Status.OPEN, None
            if due < self.today:
                roll = self.rng.random()
                if roll < 0.6:
                    status, completed = (
                        FollowUp.Status.DONE,
                        due - timedelta(days=self.rng.randint(0, 10)),
                    )
                elif roll < 0.7:
                    status = FollowUp.Status.CANCELLED
                elif roll < 0.85:
                    status = FollowUp.Status.IN_PROGRESS
            planned.append(
                Planned(
                    FollowUp,
                    {"action_en": action_en.format(topic=topic.name_en.lower())},
                    {
                        "action_fr": action_fr.format(topic=topic.name_fr.lower()),
                        "owner": self.rng.choice(OWNERS),
                        "due": due,
                        "status": status,
                        "completed": completed,
                        "classification": classification,
                        "illustrative": True,
                    },
                )
            )
        return planned

    def commitments(
        self,
        start: date,
        countries: list[Country],
        organizations: list[Organization],
        forum: Forum | None,
        topic: Topic,
    ) -> list[Planned]:
        if self.rng.random() > 0.3:
            return []
        direction = self.rng.choice((Commitment.Direction.OFFER, Commitment.Direction.ASK))
        text_en, text_fr = self.rng.choice(OFFERS if direction == "offer" else ASKS)
        statuses = list(Commitment.Status)
        status = self.rng.choices(statuses, weights=(4, 3, 4, 1, 1))[0]
        return [
            Planned(
                Commitment,
                {
                    "direction": direction,
                    "description_en": text_en.format(topic=topic.name_en.lower()),
                },
                {
                    "description_fr": text_fr.format(topic=topic.name_fr.lower()),
                    "country_id": countries[0].pk if countries else None,
                    "organization_id": organizations[0].pk
                    if organizations and not countries
                    else None,
                    "forum_id": forum.pk if forum else None,
                    "status": status,
                    "due": start + timedelta(days=self.rng.randint(30, 240)),
                    "illustrative": True,
                },
            )
        ]

    def irritants(self) -> list[Planned]:
        """Irritants of the most engaged countries, across the types and the lifecycle, each
        linked to the engagements with that country where it came up."""
        planned = []
        busiest = sorted(self.by_country, key=lambda c: (-len(self.by_country[c]), c))
        for code in busiest[:12]:
            country = self.v.countries[code]
            for kind in self.rng.sample(list(IRRITANT_KINDS), k=self.rng.randint(1, 3)):
                title_en, title_fr = IRRITANT_KINDS[kind]
                raised_in = self.rng.sample(
                    self.by_country[code], k=min(3, len(self.by_country[code]))
                )
                raised_on = min(e.lookup["start_date"] for e in raised_in)
                status = self.rng.choice(list(Irritant.Status))
                resolved_on = None
                if status == Irritant.Status.RESOLVED:
                    resolved_on = min(
                        raised_on + timedelta(days=self.rng.randint(60, 400)), self.today
                    )
                planned.append(
                    Planned(
                        Irritant,
                        {"title_en": f"{country.name_en}: {title_en}", "illustrative": True},
                        {
                            "title_fr": f"{country.name_fr} : {title_fr}",
                            "kind": kind,
                            "country_id": country.pk,
                            "organization_id": None,
                            "description_en": IRRITANT_EN.format(
                                country=country.name_en, kind=title_en
                            ),
                            "description_fr": irritant_fr(country, title_fr),
                            "status": status,
                            "severity": self.rng.choice(list(Irritant.Severity)),
                            "raised_on": raised_on,
                            "resolved_on": resolved_on,
                            "classification": self._classification(),
                        },
                        many={"engagements": raised_in},
                    )
                )
        return planned


def irritant_fr(country: Country, kind: str) -> str:
    """The French description of a demo irritant, with the country's article and the verb
    agreeing with it ("Le Mexique a soulevé", "Les États-Unis ont soulevé")."""
    name = french_name(country)
    return IRRITANT_FR.format(
        country=name.subject_capitalized, has=name.agree("a", "ont"), kind=kind
    )
