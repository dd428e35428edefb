"""What the demo set draws on: its anchor date and defaults, its own wording (content, not UI,
in both languages), and the reference records it links to (`Vocabulary`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from passerelle.engagements.models import (
    Irritant,
    Level,
    Objective,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Membership, Organization

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
    "meeting": ("meeting", "réunion"),
    "visit": ("official visit", "visite officielle"),
    "call": ("call", "appel"),
    "dialogue": ("dialogue", "dialogue"),
    "forum_session": ("session", "séance"),
    "conference": ("conference", "conférence"),
}
# A meeting with one country is a bilateral meeting; with a forum or an organization, a meeting.
BILATERAL_MEETING = ("bilateral meeting", "réunion bilatérale")
BILATERAL_KINDS = ("meeting", "meeting", "call", "call", "visit", "dialogue")
MULTILATERAL_KINDS = ("forum_session", "forum_session", "conference", "meeting")
ORGANIZATION_KINDS = ("meeting", "call", "dialogue")

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
    "Fiche illustrative. {country} {has} soulevé la question suivante auprès du Canada : {kind}."
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


@dataclass(frozen=True)
class Member:
    """A forum's member (a country or an organization) over its membership period."""

    party: Country | Organization
    start: date | None
    end: date | None

    def on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


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
    # forum pk: its recorded members other than Canada (countries of the demo, organizations),
    # each with its membership period; a forum meets with its members only.
    members: dict[int, list[Member]] = field(default_factory=dict)

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
        members: dict[int, list[Member]] = {}
        memberships = Membership._base_manager.filter(illustrative=False).select_related(
            "country", "organization"
        )
        for m in memberships.order_by("forum_id", "pk"):
            if m.country_id is not None and m.country.iso_alpha3 not in countries:
                continue  # Canada itself, or a member the demo does not draw on
            party = countries[m.country.iso_alpha3] if m.country_id else m.organization
            members.setdefault(m.forum_id, []).append(Member(party, m.start, m.end))
        vocabulary = cls(
            countries=countries,
            # International organizations: a meeting with a Canadian department is no engagement.
            organizations=list(
                Organization._base_manager.filter(
                    illustrative=False, kind=Organization.Kind.INTERNATIONAL
                ).order_by("slug")
            ),
            forums=list(Forum._base_manager.filter(illustrative=False).order_by("slug")),
            topics=topics,
            opportunities=[o for o in objectives if o.kind == Objective.Kind.OPPORTUNITY],
            goals=[o for o in objectives if o.kind == Objective.Kind.DIPLOMACY_GOAL],
            members=members,
        )
        if not (countries and topics and objectives):
            raise DemoError(
                "The demo set draws on the reference data: countries, topics and objectives are "
                "missing. Run `passerelle load-reference` first."
            )
        return vocabulary
