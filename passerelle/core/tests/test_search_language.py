"""The search page in the reader's language: snippets and titles in the page's language, the
other language's only where a record has none (and then marked with `lang`); results grouped by
kind with each kind's count as a filter; the suggestions the search box shows as you type, within
the reader's clearance; the reference-facts page by the binder's chapters, with anchors."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import Fact
from passerelle.core.search import services
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.tests.factories import make_engagement, make_irritant
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


def bilingual_engagement() -> None:
    make_engagement(
        title_en="Consultations with Guatemala",
        title_fr="Consultations avec le Guatemala",
        summary_en="The delegations met in Ottawa for two days.",
        summary_fr="Les délégations ont parlé du déplacement forcé en Amérique centrale.",
    )


def test_an_english_page_shows_the_english_snippet_though_the_match_is_in_the_french(
    viewer_client: Client,
):
    bilingual_engagement()
    page = viewer_client.get("/en/search/", {"q": "déplacement"}).content.decode()
    assert "Consultations with Guatemala" in page
    assert "The delegations met in Ottawa" in page
    assert "Amérique centrale" not in page


def test_a_french_page_shows_the_french_snippet_though_the_match_is_in_the_english(
    viewer_client: Client,
):
    bilingual_engagement()
    page = viewer_client.get("/fr/search/", {"q": "Ottawa"}).content.decode()
    assert "Consultations avec le Guatemala" in page
    assert "déplacement forcé en Amérique centrale" in page
    assert "met in Ottawa" not in page


def test_a_record_without_text_in_the_language_shows_the_other_marked_with_lang(viewer):
    make_engagement(
        title_en="Talks on asylum", title_fr="", summary_en="Asylum systems.", summary_fr=""
    )
    hit = services.search(viewer, "asylum", language="fr").hits[0]
    assert (hit.title, hit.title_language, hit.snippet_language) == ("Talks on asylum", "en", "en")
    page = signed_in_client(viewer).get("/fr/search/", {"q": "asylum"}).content.decode()
    assert '<a href="/fr/engagements/' in page and 'lang="en">Talks on asylum</a>' in page
    assert '<p lang="en">' in page
    found = signed_in_client(viewer).get("/api/v1/search/", {"q": "asylum", "lang": "fr"}).json()
    assert found["language"] == "fr"
    assert (found["results"][0]["title_language"], found["results"][0]["snippet_language"]) == (
        "en",
        "en",
    )


def test_results_are_grouped_by_kind_with_counts_as_filters(viewer_client: Client):
    make_engagement(title_en="Asylum talks", title_fr="Entretiens sur l’asile", summary_fr="")
    make_irritant(title_en="Asylum claims", title_fr="Demandes d’asile")
    make_irritant(title_en="Asylum backlog", title_fr="Arriéré des demandes d’asile")
    make_forum(name_en="Asylum Forum", name_fr="Forum sur l’asile")
    page = viewer_client.get("/en/search/", {"q": "asylum"}).content.decode()
    assert 'id="results-irritant">Irritants (2)</gcds-heading>' in page
    assert 'href="/en/search/?q=asylum&amp;kind=irritant">Irritants (2)</a>' in page
    assert 'aria-current="page">All kinds (4)</a>' in page
    filtered = viewer_client.get("/en/search/", {"q": "asylum", "kind": "irritant"})
    text = filtered.content.decode()
    assert 'id="results-engagement"' not in text and "Asylum backlog" in text
    assert 'aria-current="page">Irritants (2)</a>' in text
    assert 'href="/en/search/?q=asylum&amp;kind=forum">Forums (1)</a>' in text


def test_more_records_of_a_kind_than_shown_link_to_that_kind(viewer_client: Client):
    for number in range(12):
        make_irritant(title_en=f"Visa delays {number}", title_fr=f"Retards {number}")
    page = viewer_client.get("/en/search/", {"q": "visa"}).content.decode()
    assert page.count("Visa delays") == 10
    assert 'href="/en/search/?q=visa&amp;kind=irritant">Show all 12 irritants</a>' in page
    assert (
        viewer_client.get("/en/search/?q=visa&kind=irritant").content.decode().count("Visa delays")
        == 12
    )


def test_the_search_box_suggests_records_as_you_type_within_clearance(db: None):
    make_engagement(title_en="Quetzal dialogue", title_fr="Dialogue Quetzal")
    make_engagement(
        title_en="Quetzal protected",
        title_fr="Quetzal protégé",
        classification=Classification.PROTECTED_B,
    )
    reader = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    page = reader.get("/en/search/").content.decode()
    assert 'role="combobox"' in page and 'aria-controls="search-suggestions"' in page
    assert 'hx-get="/en/search/suggest/"' in page and 'role="listbox"' in page
    answer = reader.get("/en/search/suggest/", {"q": "quetz"})
    assert answer.status_code == 200 and answer["X-Security-Classification"] == "unclassified"
    fragment = answer.content.decode()
    assert re.findall(r'role="option"[^>]*data-href="(/en/engagements/\d+/)"', fragment)
    assert "Quetzal dialogue" in fragment and "protected" not in fragment.lower()
    assert "1 suggestion." in fragment
    french = reader.get("/fr/search/suggest/", {"q": "quetz"}).content.decode()
    assert "Dialogue Quetzal" in french and "1 suggestion." in french
    assert 'role="option"' not in reader.get("/en/search/suggest/", {"q": " "}).content.decode()
    assert Client().get("/en/search/suggest/", {"q": "quetz"}).status_code == 302


def test_the_reference_facts_page_follows_the_binders_chapters_with_anchors(
    reference_data: None, viewer_client: Client
):
    page = viewer_client.get("/en/facts/").content.decode()
    contents = page[
        page.index('id="facts-contents"') : page.index("</nav>", page.index("facts-contents"))
    ]
    chapters = re.findall(r'<a href="#chapter-([a-z-]+)">', contents)
    assert chapters == [
        "context", "international-relations", "bilateral-and-regional", "multilateral-engagement",
        "capacity-building-chapter", "diplomacy-chapter", "key-takeaways", "annex",
    ]  # fmt: skip
    assert '<a href="#section-global-context">' in contents
    for key in Fact.objects.values_list("key", flat=True):
        assert f'id="fact-{key}"' in page and f'href="#fact-{key}"' in page
    assert page.index('id="section-trends"') < page.index('id="section-engagement-channels"')
