"""An illustrative demo set of engagements, made up to exercise search, timelines and lists.

Every record is `illustrative=True` (pages and documents mark it so). The set is planned from a
seeded random generator over fixed inputs (the countries, organizations, forums, topics and
objectives of the reference data, in key order) and an anchor date, so the same seed and count
always plan the same records; records are matched by their natural keys (an engagement by English
title and start date) and saved only where a value differs, so a second run writes nothing.

The anchor is DEMO_TODAY, fixed rather than the day of the run: a run tomorrow plans the same
records instead of a second, shifted set. Engagements span the three years to the anchor, with
some after it (upcoming).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import models, transaction

from passerelle.core.classification import Classification
from passerelle.core.reference.loader import LoadReport, set_many, upsert
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Level,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

DEMO_TODAY = date(2026, 11, 24)
DEFAULT_SEED = 2024
DEFAULT_COUNT = 300
YEARS = 3
UPCOMING_DAYS = 180

# Partner countries, weighted by how often the branch meets them, with their usual topics.
COUNTRIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "USA": (16, ("border-management", "information-sharing", "asylum", "irregular-migration")),
    "MEX": (11, ("asylum", "labour-mobility", "irregular-migration", "visa-policy")),
    "DEU": (6, ("labour-mobility", "integration", "migration-narratives")),
    "GBR": (7, ("information-sharing", "border-management", "returns")),
    "AUS": (5, ("information-sharing", "resettlement", "processing")),
    "IND": (8, ("international-students", "processing", "visa-policy")),
    "PHL": (5, ("labour-mobility", "processing", "international-students")),
    "CHN": (4, ("visa-policy", "processing", "returns")),
    "BRA": (3, ("visa-policy", "labour-mobility")),
    "COL": (4, ("forced-displacement", "irregular-migration", "protection")),
    "GTM": (4, ("irregular-migration", "labour-mobility", "forced-displacement")),
    "FRA": (4, ("integration", "labour-mobility", "migration-narratives")),
    "NZL": (3, ("information-sharing", "border-management")),
    "JPN": (2, ("labour-mobility", "processing")),
    "KOR": (2, ("labour-mobility", "international-students")),
    "HND": (2, ("forced-displacement", "irregular-migration")),
    "CRI": (2, ("forced-displacement", "protection")),
    "PAN": (2, ("irregular-migration", "forced-displacement")),
    "ECU": (2, ("irregular-migration", "protection")),
    "HTI": (2, ("crisis-response", "returns")),
    "UKR": (3, ("crisis-response", "protection")),
    "NGA": (2, ("visa-policy", "international-students")),
    "KEN": (2, ("resettlement", "protection")),
    "SEN": (1, ("visa-policy", "migration-and-development")),
    "MAR": (2, ("returns", "labour-mobility")),
    "VNM": (2, ("international-students", "processing")),
    "IDN": (1, ("labour-mobility", "climate-mobility")),
    "PAK": (2, ("resettlement", "processing")),
    "TUR": (2, ("resettlement", "protection")),
    "JOR": (2, ("resettlement", "complementary-pathways")),
    "ITA": (2, ("irregular-migration", "private-sponsorship")),
    "ESP": (2, ("labour-mobility", "private-sponsorship")),
    "IRL": (1, ("private-sponsorship", "integration")),
    "ARG": (1, ("private-sponsorship", "labour-mobility")),
    "FJI": (1, ("climate-mobility",)),
}

KINDS = {  # kind: (English, French), the demo's own wording (content, not UI)
    "meeting": ("bilateral meeting", "réunion bilatérale"),
    "visit": ("official visit", "visite officielle"),
    "call": ("call", "appel"),
    "dialogue": ("dialogue", "dialogue"),
    "forum_session": ("session", "séance"),
    "conference": ("conference", "conférence"),
}
BILATERAL_KINDS = ("meeting", "meeting", "call", "call", "visit", "dialogue")
MULTILATERAL_KINDS = ("forum_session", "forum_session", "conference", "meeting")

# Canada's side, by level: (weight, position in English, in French).
CANADA_LEVELS = {
    Level.MINISTER: (
        4,
        "Minister of Immigration, Refugees and Citizenship",
        "Ministre de l’Immigration, des Réfugiés et de la Citoyenneté",
    ),
    Level.DEPUTY_MINISTER: (8, "Deputy Minister, IRCC", "Sous-ministre, IRCC"),
    Level.SENIOR_EXECUTIVE: (
        30,
        "Director General, International Affairs",
        "Directeur général, Affaires internationales",
    ),
    Level.SUBJECT_MATTER_EXPERT: (30, "Senior policy analyst", "Analyste principal des politiques"),
    Level.REPRESENTATIVE_ABROAD: (
        20,
        "Migration Program Manager, Embassy of Canada",
        "Gestionnaire du programme de migration, ambassade du Canada",
    ),
}
COUNTERPART_LEVELS = {
    Level.MINISTER: ("Minister responsible for migration", "Ministre responsable de la migration"),
    Level.AMBASSADOR: ("Ambassador to Canada", "Ambassadeur au Canada"),
    Level.OFFICIAL: ("Director, migration policy", "Directeur, politique migratoire"),
    Level.HEAD_OF_ORGANIZATION: ("Head of the organization", "Chef de l’organisation"),
}

FOLLOW_UPS = (
    (
        "Send the summary of discussions to the counterpart",
        "Transmettre le résumé des discussions à l’homologue",
    ),
    ("Share statistics on {topic}", "Communiquer les statistiques sur : {topic}"),
    (
        "Propose dates for a technical working session",
        "Proposer des dates pour une séance de travail technique",
    ),
    (
        "Brief the Minister’s office on the outcomes",
        "Informer le cabinet du ministre des résultats",
    ),
    ("Prepare a draft memorandum of understanding", "Préparer une ébauche de protocole d’entente"),
    (
        "Consult Global Affairs Canada on next steps",
        "Consulter Affaires mondiales Canada sur les prochaines étapes",
    ),
)
OWNERS = (
    "International Affairs Branch",
    "Bilateral and Regional Affairs",
    "Multilateral Affairs",
    "Migration Program Manager abroad",
    "Asylum Policy",
)
OFFERS = (
    (
        "Share Canada’s practices on {topic}",
        "Faire part des pratiques du Canada en matière de {topic}",
    ),
    ("Host a study visit on {topic}", "Accueillir une visite d’étude sur {topic}"),
    ("Provide technical expertise on {topic}", "Fournir une expertise technique sur {topic}"),
)
ASKS = (
    (
        "Faster processing of applications from its nationals",
        "Un traitement plus rapide des demandes de ses ressortissants",
    ),
    ("Support for its {topic} system", "Un soutien à son système : {topic}"),
    (
        "Data on {topic} concerning its nationals",
        "Des données sur {topic} concernant ses ressortissants",
    ),
)
IRRITANT_KINDS = {  # kind: (English, French) as an analyst would title it
    Irritant.Kind.VISA_FACILITATION: (
        "visa facilitation request",
        "demande de facilitation de visas",
    ),
    Irritant.Kind.PROCESSING_DELAYS: (
        "visa processing delays",
        "retards dans le traitement des visas",
    ),
    Irritant.Kind.HIGH_REFUSAL_RATES: ("high visa refusal rates", "taux élevés de refus de visas"),
    Irritant.Kind.RESPONSIBILITY_SHARING: (
        "calls for increased responsibility-sharing",
        "appels à un partage accru des responsabilités",
    ),
    Irritant.Kind.PERCEIVED_BIAS: (
        "perceived bias in decision-making",
        "partialité perçue dans la prise de décisions",
    ),
    Irritant.Kind.OTHER: (
        "consular access for detained nationals",
        "accès consulaire pour des ressortissants détenus",
    ),
}
IRRITANT_EN = "Illustrative record. {country} raised {kind} with Canada."
IRRITANT_FR = (
    "Fiche illustrative. {country} a soulevé la question suivante auprès du Canada : {kind}."
)
SUMMARY = (
    "Illustrative record. Officials discussed {topics}. Both sides reviewed recent cooperation "
    "and agreed to keep in regular contact."
)
SUMMARY_FR = (
    "Fiche illustrative. Les représentants ont discuté des sujets suivants : {topics}. Les deux "
    "parties ont passé en revue la coopération récente et convenu de rester en contact régulier."
)
OUTCOMES = "Illustrative record. Agreement to exchange information and to meet again within a year."
OUTCOMES_FR = (
    "Fiche illustrative. Entente visant à échanger de l’information et à se réunir de nouveau "
    "d’ici un an."
)


class DemoError(Exception):
    """The demo set cannot be planned: the reference data it draws on is missing."""


@dataclass
class Vocabulary:
    """What the demo draws on, in key order so that a seed always plans the same set."""

    countries: dict[str, Country]
    organizations: list[Organization]
    forums: list[Forum]
    topics: dict[str, Topic]
    opportunities: list[Objective]
    goals: list[Objective]

    @classmethod
    def from_database(cls) -> Vocabulary:
        countries = {
            c.iso_alpha3: c
            for c in Country._base_manager.filter(iso_alpha3__in=COUNTRIES).order_by("iso_alpha3")
        }
        topics = {
            t.slug: t for t in Topic._base_manager.filter(illustrative=False).order_by("slug")
        }
        objectives = list(Objective._base_manager.filter(illustrative=False).order_by("slug"))
        vocabulary = cls(
            countries=countries,
            organizations=list(
                Organization._base_manager.filter(illustrative=False).order_by("slug")
            ),
            forums=list(Forum._base_manager.filter(illustrative=False).order_by("slug")),
            topics=topics,
            opportunities=[o for o in objectives if o.kind == Objective.Kind.OPPORTUNITY],
            goals=[o for o in objectives if o.kind == Objective.Kind.DIPLOMACY_GOAL],
        )
        if not (countries and topics and objectives):
            raise DemoError(
                "The demo set draws on the reference data: countries, topics and objectives are "
                "missing. Run `passerelle load-reference` first."
            )
        return vocabulary


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
        roll = self.rng.random()
        forum = None
        organizations: list[Organization] = []
        if roll < 0.6 or not self.v.forums:
            channel, kind = Engagement.Channel.BILATERAL, self.rng.choice(BILATERAL_KINDS)
            code = self.rng.choices(self.codes, weights=self.weights)[0]
            codes = [code]
            if self.v.organizations and self.rng.random() < 0.12:
                organizations, codes = [self.rng.choice(self.v.organizations)], []
        else:
            forum = self.rng.choice(self.v.forums)
            channel = (
                Engagement.Channel.REGIONAL
                if forum.scope == Forum.Scope.REGIONAL
                else Engagement.Channel.MULTILATERAL
            )
            kind = self.rng.choice(MULTILATERAL_KINDS)
            codes = self.rng.sample(self.codes, k=min(len(self.codes), self.rng.randint(0, 2)))
            if self.v.organizations and self.rng.random() < 0.3:
                organizations = [self.rng.choice(self.v.organizations)]
        start = self._date()
        topics = self._topics(codes[0] if codes else None)
        countries = [self.v.countries[c] for c in codes]
        partner = forum or (organizations[0] if organizations else countries[0])
        topic_en = ", ".join(t.name_en.lower() for t in topics)
        topic_fr = ", ".join(t.name_fr.lower() for t in topics)
        kind_en, kind_fr = KINDS[kind]
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
                            "description_fr": IRRITANT_FR.format(
                                country=country.name_fr, kind=title_fr
                            ),
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


def _write(
    planned: Planned, report: LoadReport, parent: models.Model | None = None
) -> models.Model:
    lookup = dict(planned.lookup)
    if parent is not None:
        lookup["engagement_id"] = parent.pk
    instance = upsert(planned.model, report, lookup, planned.values)
    label = str(planned.model._meta.verbose_name_raw)
    for name, wanted in planned.many.items():
        targets = [_instance_of(w) for w in wanted]
        set_many(instance, name, targets, report, label)
    planned.instance = instance
    for child in planned.children:
        _write(child, report, instance)
    return instance


def _instance_of(value: Planned | models.Model) -> models.Model:
    """A planned engagement (irritants link to them, written before them) or a record."""
    if isinstance(value, Planned):
        assert value.instance is not None
        return value.instance
    return value


def load_demo(
    *, seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT, today: date = DEMO_TODAY
) -> LoadReport:
    """Plan the demo set for `seed` and `count` and write it, all or nothing; a second run with
    the same arguments writes nothing. Raises DemoError when the reference data is missing."""
    if count < 1:
        raise DemoError("--count must be at least 1")
    report = LoadReport()
    with transaction.atomic():
        planner = Planner(Vocabulary.from_database(), seed=seed, today=today)
        for planned in planner.plan(count):
            _write(planned, report)
    return report
