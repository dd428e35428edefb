"""Search finds every kind of record the product holds, each kind declared by its own app: the
binder's words a newcomer typed ("Havana", "Permanent Mission", "UNRWA"…) find the records that
hold them, and the kinds added (facts, sources, follow-ups, commitments, offices, area offices,
biometric collection points, indicators, signals, talking points) are found within clearance."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from passerelle.briefs.models import BriefNote
from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.search import registry, services
from passerelle.core.search.models import SearchEntry
from passerelle.core.search.registry import Searchable
from passerelle.core.testing import make_user
from passerelle.engagements.tests.factories import make_commitment, make_follow_up
from passerelle.indicators.tests.factories import import_fixture
from passerelle.network.models import AreaOffice, Office
from passerelle.operations.tests.factories import make_signal

pytestmark = pytest.mark.django_db

# The list of what search must cover, by the kind each app declares.
EVERY_KIND = {
    "fact", "source", "country", "forum", "organization", "engagement", "follow-up",
    "commitment", "irritant", "office", "biometric-point", "area-office", "indicator", "signal",
    "talking-point", "funding-envelope", "initiative", "project", "pathway", "pathway-commitment",
}  # fmt: skip


def test_every_kind_of_record_is_declared_by_its_app():
    assert set(registry.kinds()) >= EVERY_KIND
    kernel = Path(registry.__file__).parent
    for module in kernel.glob("*.py"):  # core names no kind: each app registers its own
        assert "Searchable(" not in module.read_text(encoding="utf-8"), module


def test_a_declaration_reads_each_field_as_the_model_holds_it():
    """A field's _en and _fr, a choice's label in each language, a code the same in both, a
    relation followed; a name the model does not have fails when it is declared."""
    office = Office(
        code="havana", name_en="Havana", name_fr="La Havane", kind="visa_office",
        city_en="Havana", city_fr="La Havane",
    )  # fmt: skip
    declared = Searchable("office", Office, title="name", text=("kind", "code"))
    assert declared.title_in(office, "fr") == "La Havane"
    assert declared.text_in(office, "en") == "Visa office\nhavana"
    assert declared.text_in(office, "fr") == "Bureau des visas\nhavana"
    area = AreaOffice(name_en="Caribbean", name_fr="Caraïbes", office=office)
    by_city = Searchable("area-office", AreaOffice, title="name", text=("office.city",))
    assert by_city.text_in(area, "fr") == "La Havane"
    with pytest.raises(ValueError, match="no 'citty'"):
        Searchable("office", Office, title="name", text=("citty",))


def found(user: User, query: str, language: str = "en") -> set[tuple[str, str]]:
    """(kind, link) of every record found."""
    results = services.search(user, query, language=language, limit=200)
    return {(hit.kind, hit.url) for hit in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Gaza", {("source", "/en/sources/ircc-cnw-2024-05-27-gaza-cap/")}),
        ("Havana", {("office", "/en/network/offices/havana/")}),
        ("Havana", {("biometric-point", "/en/network/points/cub-01/")}),
        ("New York", {("office", "/en/network/offices/un-new-york/")}),
        ("Permanent Mission", {("office", "/en/network/offices/un-new-york/")}),
        ("Permanent Mission", {("fact", "/en/facts/#fact-area-office-london")}),
        ("funding envelope", {("funding-envelope", "/en/programs/envelopes/climate-mobility/")}),
        ("La Havane", {("office", "/en/network/offices/havana/")}),
        ("Mission permanente", {("office", "/en/network/offices/un-new-york/")}),
    ],
)
def test_the_binders_words_find_the_records_that_hold_them(
    reference_data: None, query: str, expected: set[tuple[str, str]]
):
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    assert expected <= found(reader, query)


def test_unrwa_finds_the_unhcr_series_whose_definition_names_it():
    import_fixture("unhcr-population", "unhcr_population_api.csv")
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    hits = services.search(reader, "UNRWA", language="en").hits
    assert {hit.kind for hit in hits} == {"indicator"}
    assert "/en/indicators/?indicator=unhcr.refugees.asylum" in {hit.url for hit in hits}
    french = services.search(reader, "UNRWA", language="fr").hits[0]
    assert "l’<mark>UNRWA</mark>" in french.snippet


def test_follow_ups_commitments_signals_and_talking_points_are_found(viewer: User, analyst: User):
    follow_up = make_follow_up(action_en="Send the readout of the Quetzal talks")
    commitment = make_commitment(description_en="Share Quetzal case-management practices")
    note = BriefNote.objects.create(
        brief_kind="country", subject="MEX", kind="talking_point",
        text_en="Thank Mexico for the Quetzal partnership.", text_fr="Remercier le Mexique.",
    )  # fmt: skip
    hits = {hit.kind: hit for hit in services.search(analyst, "quetzal", language="en").hits}
    assert hits["follow-up"].url == f"/en/engagements/follow-ups/{follow_up.pk}/"
    assert hits["commitment"].url == f"/en/engagements/commitments/{commitment.pk}/"
    assert hits["talking-point"].url == "/en/briefs/country/MEX/"
    assert hits["talking-point"].record == note
    signal = make_signal(citizenship="ZZQ")
    refusal = services.search(analyst, "refusal ZZQ", language="en").hits
    assert [(hit.kind, hit.record) for hit in refusal] == [("signal", signal)]
    assert refusal[0].url == f"/en/operations/signals/{signal.pk}/"
    refus = services.search(analyst, "refus ZZQ", language="fr").hits
    assert refus[0].title.startswith("Taux de refus")


def test_the_new_kinds_keep_to_clearance(unclassified_viewer: User):
    make_follow_up(action_en="Quetzal visible")
    make_follow_up(action_en="Quetzal protected", classification=Classification.PROTECTED_B)
    results = services.search(unclassified_viewer, "quetzal", language="en")
    assert [hit.title for hit in results.hits] == ["Quetzal visible"]
    assert results.counts == {"follow-up": 1}


def test_a_fact_links_to_its_anchor_on_the_reference_facts_page(
    reference_data: None, viewer_client: Client
):
    page = viewer_client.get("/en/search/", {"q": "Permanent Mission"}).content.decode()
    assert 'href="/en/facts/#fact-area-office-london"' in page
    facts = viewer_client.get("/en/facts/").content.decode()
    assert 'id="fact-area-office-london"' in facts


def test_setup_indexes_a_kind_made_searchable_after_its_records(analyst: User):
    """An upgrade that makes a kind searchable finds its records already there: `make setup`
    runs `search-index --if-incomplete`, which rebuilds only then."""
    follow_up = make_follow_up(action_en="Send the Quetzal readout")
    SearchEntry.objects.filter(kind="follow-up").delete()  # as before the kind was declared
    out = StringIO()
    call_command("search-index", "--if-incomplete", stdout=out)
    assert "incomplete for follow-up" in out.getvalue()
    assert [hit.record for hit in services.search(analyst, "quetzal", language="en").hits] == [
        follow_up
    ]
    again = StringIO()
    call_command("search-index", "--if-incomplete", stdout=again)
    assert again.getvalue() == ""
