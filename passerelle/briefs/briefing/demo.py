"""The illustrative demo set of the briefing: the meetings the binder names (the Five Country
Ministerial, "an annual meeting of Five Eyes public safety and immigration ministers"; UNHCR's
governance committees; the GFMD; the Regional Conference on Migration) and a Deputy Minister's
visit to Mexico, with requests for their briefs (and for the visit's binder) and the branch's
default approval chains.

The binder gives none of these meetings' dates or places: every date and place here is made up,
relative to the day the set is loaded, and every record is `illustrative=True` (pages, feeds
and briefs mark it so). Records are found by their English title (a chain by its kind); a
second run creates nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from passerelle.briefs.briefing.models import (
    ApprovalChain,
    BriefRequest,
    Event,
    Principal,
    RequestKind,
    Status,
    Team,
)
from passerelle.core.reader import as_system
from passerelle.geo.models import Country
from passerelle.partners.models import Forum

NOTE = "Illustrative: the binder gives no date or place for this meeting."
NOTE_FR = "Illustratif : le cahier ne donne ni date ni lieu pour cette réunion."

# (title EN, title FR, kind, days from today, length, place EN, place FR, principal, team,
#  forum slug, countries)
EVENTS = [
    (
        "Five Country Ministerial",
        "Réunion ministérielle des cinq pays",
        Event.Kind.MINISTERIAL,
        40,
        2,
        "London",
        "Londres",
        Principal.MINISTER,
        Team.MULTILATERAL,
        "five-country-ministerial",
        ("AUS", "GBR", "NZL", "USA"),
    ),
    (
        "UNHCR Executive Committee, annual session",
        "Comité exécutif du HCR, session annuelle",
        Event.Kind.FORUM_MEETING,
        12,
        5,
        "Geneva",
        "Genève",
        Principal.DEPUTY_MINISTER,
        Team.MULTILATERAL,
        "unhcr-governance-committees",
        (),
    ),
    (
        "Global Forum on Migration and Development Summit",
        "Sommet du Forum mondial sur la migration et le développement",
        Event.Kind.CONFERENCE,
        75,
        3,
        "",
        "",
        Principal.ADM,
        Team.MULTILATERAL,
        "gfmd",
        (),
    ),
    (
        "Regional Conference on Migration, vice-ministerial meeting",
        "Conférence régionale sur la migration, réunion des vice-ministres",
        Event.Kind.FORUM_MEETING,
        25,
        2,
        "",
        "",
        Principal.DEPUTY_MINISTER,
        Team.BILATERAL,
        "regional-conference-on-migration",
        ("MEX", "GTM", "HND"),
    ),
    (
        "Deputy Minister's visit to Mexico",
        "Visite de la sous-ministre au Mexique",
        Event.Kind.BILATERAL_VISIT,
        18,
        3,
        "Mexico City",
        "Mexico",
        Principal.DEPUTY_MINISTER,
        Team.BILATERAL,
        "",
        ("MEX",),
    ),
]

CHAINS = {
    RequestKind.COUNTRY: (
        "Analyst\nDirector\nDirector General\nAssistant Deputy Minister",
        "Analyste\nDirecteur\nDirecteur général\nSous-ministre adjoint",
    ),
    RequestKind.FORUM: (
        "Analyst\nDirector\nDirector General\nAssistant Deputy Minister",
        "Analyste\nDirecteur\nDirecteur général\nSous-ministre adjoint",
    ),
    RequestKind.SCENARIO: ("Director\nDirector General", "Directeur\nDirecteur général"),
}


def load_demo(*, today: date | None = None) -> int:
    """Create what is missing of the set; the number of records created."""
    today = today or date.today()
    created = 0
    with transaction.atomic(), as_system():
        for chain_kind, (steps_en, steps_fr) in CHAINS.items():
            _, made = ApprovalChain.objects.get_or_create(
                kind=chain_kind, defaults={"steps_en": steps_en, "steps_fr": steps_fr}
            )
            created += made
        events = {}
        for (
            title,
            title_fr,
            kind,
            days,
            length,
            place,
            place_fr,
            principal,
            team,
            forum,
            countries,
        ) in EVENTS:
            event = Event.objects.filter(title_en=title).first()
            if event is None:
                start = today + timedelta(days=days)
                event = Event.objects.create(
                    title_en=title,
                    title_fr=title_fr,
                    kind=kind,
                    start_date=start,
                    end_date=start + timedelta(days=length - 1),
                    place_en=place,
                    place_fr=place_fr,
                    principal=principal,
                    team=team,
                    forum=Forum.objects.filter(slug=forum).first() if forum else None,
                    notes_en=NOTE,
                    notes_fr=NOTE_FR,
                    illustrative=True,
                )
                event.countries.set(Country.objects.filter(iso_alpha3__in=countries))
                created += 1
            events[title] = event
        created += _requests(events, today)
    return created


def _requests(events: dict[str, Event], today: date) -> int:
    mexico = events["Deputy Minister's visit to Mexico"]
    fcm = events["Five Country Ministerial"]
    wanted = [
        dict(
            title_en="Country brief: Mexico, for the Deputy Minister's visit",
            title_fr="Note sur le pays : Mexique, pour la visite de la sous-ministre",
            kind=RequestKind.COUNTRY,
            event=mexico,
            principal=Principal.DEPUTY_MINISTER,
            country=Country.objects.filter(iso_alpha3="MEX").first(),
            team=Team.BILATERAL,
            due=today + timedelta(days=7),
            status=Status.DRAFTING,
            drafting_on=today,
            purpose_en="To prepare the Deputy Minister for meetings with Mexico's migration "
            "authorities on asylum capacity and labour mobility.",
            purpose_fr="Préparer la sous-ministre aux rencontres avec les autorités "
            "migratoires du Mexique sur la capacité d'asile et la mobilité de la main-d'œuvre.",
            key_messages_en="Canada values its long partnership with Mexico on asylum "
            "capacity (RACBI, since 2015).\nCanada wants regular pathways to grow.",
            key_messages_fr="Le Canada tient à son long partenariat avec le Mexique sur la "
            "capacité d'asile (IRCAR, depuis 2015).\nLe Canada souhaite élargir les voies "
            "régulières.",
        ),
        dict(
            title_en="Scenario note: Deputy Minister's visit to Mexico",
            title_fr="Note de scénario : visite de la sous-ministre au Mexique",
            kind=RequestKind.SCENARIO,
            event=mexico,
            principal=Principal.DEPUTY_MINISTER,
            team=Team.BILATERAL,
            due=today - timedelta(days=2),
            status=Status.REQUESTED,
        ),
        dict(
            title_en="Binder: Deputy Minister's visit to Mexico",
            title_fr="Cahier : visite de la sous-ministre au Mexique",
            kind=RequestKind.BINDER,
            event=mexico,
            principal=Principal.DEPUTY_MINISTER,
            team=Team.BILATERAL,
            due=today + timedelta(days=10),
            status=Status.REQUESTED,
            purpose_en="To give the Deputy Minister, in one binder, what she needs for two days "
            "of meetings in Mexico City.",
            purpose_fr="Réunir dans un cahier ce dont la sous-ministre a besoin pour deux jours "
            "de rencontres à Mexico.",
        ),
        dict(
            title_en="Forum brief: Five Country Ministerial",
            title_fr="Note sur le forum : Réunion ministérielle des cinq pays",
            kind=RequestKind.FORUM,
            event=fcm,
            principal=Principal.MINISTER,
            forum=fcm.forum,
            team=Team.MULTILATERAL,
            due=today + timedelta(days=30),
            status=Status.REQUESTED,
        ),
    ]
    created = 0
    for values in wanted:
        if not BriefRequest.objects.filter(title_en=values["title_en"]).exists():
            BriefRequest.objects.create(illustrative=True, **values)
            created += 1
    return created
