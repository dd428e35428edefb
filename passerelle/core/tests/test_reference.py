"""The reference dataset: the real files load, completely, bilingually, cited, and idempotently."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from passerelle.core.models import ChangeRecord, Citation, Fact, Source
from passerelle.core.reference import LoadReport, load_reference
from passerelle.core.reference.schema import SECTIONS
from passerelle.engagements.models import Engagement, Objective
from passerelle.geo.models import CountryGroup
from passerelle.network.models import Office
from passerelle.partners.models import Forum, Framework, Organization, Relationship
from passerelle.pathways.models import Pathway

pytestmark = pytest.mark.django_db

REFERENCE_DIR = Path(settings.PROJECT_DIR) / "data" / "reference"
BINDER = "ircc-dm-transition-binder-2024"

HEADLINES = {
    # key: (value, unit, period in English, as_of, original publication)
    "migrants-international-2020": ("281000000", "persons", "2020", "2020-07-01", "iom-wmr-2022"),
    "migrants-share-of-world-population-2020": (
        "3.6",
        "percent",
        "2020",
        "2020-07-01",
        "iom-wmr-2022",
    ),
    "forcibly-displaced-mid-2023": (
        "110000000",
        "persons",
        "mid-2023",
        "2023-06-30",
        "unhcr-global-trends-2022",
    ),
    "refugees-2021": ("27100000", "persons", "2021", "2021-12-31", "unhcr-global-trends-2022"),
    "refugees-2022": ("35300000", "persons", "end-2022", "2022-12-31", "unhcr-global-trends-2022"),
    "remittances-lmic-2023": (
        "669000000000",
        "usd",
        "2023",
        "2023-12-31",
        "world-bank-migration-development-brief-39",
    ),
}


@pytest.fixture
def loaded() -> LoadReport:
    return load_reference(REFERENCE_DIR)


def _reference_text() -> str:
    """Everything the loaded reference data says, in both languages: the facts with their
    attributes, and the partners' and engagements' records that took over the binder's partner,
    forum, engagement and objective facts."""
    parts = []
    for fact in Fact.objects.all():
        parts += [fact.title_en, fact.text_en, fact.title_fr, fact.text_fr, str(fact.attributes)]
    for named in [*Organization.objects.all(), *Forum.objects.all(), *Framework.objects.all()]:
        for language in ("en", "fr"):
            name, acronym = (
                getattr(named, f"name_{language}"),
                getattr(named, f"acronym_{language}"),
            )
            parts += [f"{name} ({acronym})" if acronym else name]
            parts += [getattr(named, f"description_{language}")]
    for relationship in Relationship.objects.all():
        parts += [relationship.nature_en, relationship.nature_fr]
    for engagement in Engagement.objects.all():
        parts += [engagement.title_en, engagement.title_fr]
        parts += [engagement.summary_en, engagement.summary_fr]
    parts += [o.name_en for o in Objective.objects.all()] + [
        o.name_fr for o in Objective.objects.all()
    ]
    # The capacity-building envelopes and initiatives, and their figures, are the programs'.
    from passerelle.programs.models import FundingEnvelope, Initiative, InitiativeFigure

    for record in [*FundingEnvelope.objects.all(), *Initiative.objects.all()]:
        for language in ("en", "fr"):
            name = getattr(record, f"name_{language}")
            acronym = getattr(record, f"acronym_{language}", "")
            parts += [f"{name} ({acronym})" if acronym else name]
            parts += [getattr(record, f"description_{language}")]
    for figure in InitiativeFigure.objects.all():
        parts += [figure.label_en, figure.label_fr, figure.display_en, figure.display_fr]
    # The crisis measures are the pathways app's records, with the binder's words on each.
    for pathway in Pathway.objects.all():
        for language in ("en", "fr"):
            name, acronym = (
                getattr(pathway, f"name_{language}"),
                getattr(pathway, f"acronym_{language}"),
            )
            parts += [f"{name} ({acronym})" if acronym else name]
            parts += [
                getattr(pathway, f"{field}_{language}") for field in ("binder_text", "crisis")
            ]
    # The annex's notes on offices are on the offices (Havana not counted).
    for office in Office.objects.exclude(note_en=""):
        parts += [office.name_en, office.note_en, office.name_fr, office.note_fr]
    return "\n".join(parts)


def test_the_real_reference_data_loads(loaded: LoadReport):
    # 55: the envelopes' and initiatives' facts live in the programs' records, the crisis
    # measures' in the pathways'.
    assert loaded.counts["fact"]["created"] == Fact.objects.count() >= 55
    assert set(Fact.objects.values_list("section", flat=True)) == set(SECTIONS)
    assert Source.objects.filter(key=BINDER).exists()
    assert CountryGroup.objects.count() == 5


def test_a_second_load_writes_nothing(reference_data: None):
    records = ChangeRecord.objects.count()
    stamps = {
        model: dict(model._base_manager.values_list("pk", "last_updated"))
        for model in (Fact, Source, Citation, CountryGroup)
    }
    again = load_reference(REFERENCE_DIR)
    assert ChangeRecord.objects.count() == records
    assert again.total("created") == again.total("updated") == again.total("deleted") == 0
    assert not again.changed
    assert again.counts["fact"]["unchanged"] == Fact.objects.count()
    for model, before in stamps.items():
        assert dict(model._base_manager.values_list("pk", "last_updated")) == before


@pytest.mark.parametrize("key", sorted(HEADLINES))
def test_headline_figures_are_exact_and_cite_binder_and_publication(reference_data: None, key: str):
    value, unit, period, as_of, original = HEADLINES[key]
    fact = Fact.objects.get(key=key)
    assert fact.section == "global-context"
    assert fact.value == Decimal(value)
    assert (fact.unit, fact.period_en, str(fact.as_of)) == (unit, period, as_of)
    assert fact.period_fr.strip(), fact.key
    cited = {c.source.key for c in fact.citations.all() if c.field == "value"}
    assert cited == {BINDER, original}


def test_every_fact_is_bilingual_ordered_and_cites_the_binder_with_a_locator(reference_data: None):
    orders: set[tuple[str, int]] = set()
    for fact in Fact.objects.prefetch_related("citations__source"):
        assert fact.title_en.strip() and fact.title_fr.strip(), fact.key
        if fact.text_en:
            assert fact.text_fr.strip(), fact.key
        binder = [c for c in fact.citations.all() if c.source.key == BINDER]
        assert binder and all(c.locator_en and c.locator_fr for c in binder), fact.key
        if fact.period_en:
            assert fact.period_fr.strip(), fact.key
        assert (fact.section, fact.order) not in orders, fact.key
        orders.add((fact.section, fact.order))


def test_every_figure_cites_its_value(reference_data: None):
    for fact in Fact.objects.exclude(value=None):
        assert fact.citations.filter(field="value").exists(), fact.key
        assert fact.unit, fact.key


BINDER_FIGURES_AND_NAMES = [
    "281 million", "3.6%", "3,6 %", "110 million", "27.1 million", "27,1 millions",
    "35.3 million", "35,3 millions", "669 billion", "669 milliards", "1,000+", "plus de 1 000",
    "15 countries", "December 2016", "décembre 2016", "Since 2015", "Depuis 2015", "15,000",
    "15 000", "April 15, 2023", "15 avril 2023", "Chair (2021-2022)", "Past Chair (2022-2023)",
    "2021-2022", "2022-2023", "61 overseas offices", "9 area offices", "292 biometric",
    "110 countries", "1,050 locally engaged", "350 Canada-based",
    "Washington DC", "Mexico City", "London", "Paris", "Beijing", "New Delhi", "Manila", "Ankara",
    "Nairobi", "Havana", "Bucharest Global Operations Centre", "Manila Global Operations Centre",
    "Permanent Mission of Canada to the United Nations",
    "Los Angeles Declaration on Migration and Protection", "Safe Mobility Offices",
    "Regional Conference on Migration", "MIRPS", "Plateforme de soutien du MIRPS",
    "Indo-Pacific Strategy", "International Student Program",
    "visa facilitation requests", "visa processing delays", "high visa refusal rates",
    "responsibility-sharing", "perceived bias in decision-making",
    "Canada-Ukraine Emergency Authorization for Travel (CUAET)",
    "Autorisation de voyage d’urgence Canada-Ukraine (AVUCU)", "Western Hemisphere", "Sudan",
    "Gaza", "Afghans", "Global Affairs Canada", "Migration Five", "Five Country Ministerial",
    "primary referral partner for Government-Assisted Refugees",
    "Organisation internationale pour les migrations (OIM)",
    "transportation, pre-departure medical services, and orientation",
    "Global Compact for Safe, Orderly and Regular Migration",
    "Pacte mondial pour des migrations sûres, ordonnées et régulières",
    "Global Compact on Refugees", "Global Task Force on Labour Mobility", "(IGC)", "(UNNM)",
    "(GFMD)", "(MPI)", "Global Refugee Sponsorship Initiative (GRSI)",
    "International Migration Capacity Building Program", "removal cooperation",
    "Venezuelan refugees and migrants", "neighbouring Afghanistan", "climate mobility",
    "membership in multilateral organizations", "Regional Asylum Capacity Building Initiative",
    "Immigration, Réfugiés et Citoyenneté Canada (IRCC)", "Minister and Deputy Ministers",
    "Senior-level executives", "Subject matter experts", "IRCC representatives abroad",
    "Promote skilled and francophone immigration", "LGBTQI+", "climate change, global health",
    "sovereignty of states", "anti-immigrant sentiment",
]  # fmt: skip


def test_the_binders_figures_and_names_are_in_the_reference_data(reference_data: None):
    text = _reference_text()
    assert [needle for needle in BINDER_FIGURES_AND_NAMES if needle not in text] == []


def test_network_annex(reference_data: None):
    offices = Fact.objects.filter(section="network", key__startswith="area-office-")
    assert offices.count() == 9
    assert sum(o.attributes["overseas_offices"] for o in offices) == 61
    assert {o.attributes["city_en"] for o in offices} == {
        "Washington DC", "Mexico City", "London", "Paris", "Beijing", "New Delhi", "Manila",
        "Ankara", "Nairobi",
    }  # fmt: skip
    manila = offices.get(key="area-office-manila")
    assert manila.attributes["global_operations_centre"] == "Manila"
    assert manila.countries.get().iso_alpha3 == "PHL"
    totals = {
        key: Fact.objects.get(key=key).value
        for key in (
            "network-overseas-offices", "network-area-offices",
            "network-biometric-collection-points", "network-biometric-collection-countries",
            "network-locally-engaged-staff", "network-canada-based-staff",
        )
    }  # fmt: skip
    assert list(totals.values()) == [61, 9, 292, 110, 1050, 350]
    assert {str(f.as_of) for f in Fact.objects.filter(section="network").exclude(as_of=None)} == {
        "2024-02-01"
    }


def test_country_groups(reference_data: None):
    def members(slug: str) -> set[str]:
        group = CountryGroup.objects.get(slug=slug)
        assert group.name_fr and group.description_en and group.description_fr
        assert group.citations.exists()
        return set(group.members.values_list("iso_alpha3", flat=True))

    assert members("five-eyes") == {"AUS", "CAN", "NZL", "GBR", "USA"}
    assert members("mirps-countries") == {"BLZ", "CRI", "SLV", "GTM", "HND", "PAN", "MEX"}
    eu = members("eu-members")
    assert len(eu) == 27 and {"DEU", "FRA", "HRV"} <= eu and "GBR" not in eu
    americas = members("americas")
    assert len(americas) == 57 and {"CAN", "USA", "MEX", "BRA", "HTI", "ARG"} <= americas
    indo_pacific = members("indo-pacific")
    assert {"IND", "CHN", "JPN", "PHL", "AUS"} <= indo_pacific and "CAN" not in indo_pacific


def test_the_command_prints_a_summary_and_is_logged_as_itself():
    out = StringIO()
    call_command("load-reference", stdout=out)
    assert "fact: " in out.getvalue() and " created" in out.getvalue()
    actors = set(ChangeRecord.objects.values_list("actor", flat=True))
    assert actors == {"command:load-reference"}
    again = StringIO()
    call_command("load-reference", "--directory", str(REFERENCE_DIR), stdout=again)
    assert "Nothing to change" in again.getvalue()


def test_the_documentation_describes_every_file_and_section():
    docs = (Path(settings.PROJECT_DIR) / "docs" / "reference-data.md").read_text(encoding="utf-8")
    for path in REFERENCE_DIR.glob("*.yaml"):
        assert f"`{path.name}`" in docs
    for section in SECTIONS:
        assert f"`{section}`" in docs
