"""The search page and the search API."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.tests.factories import make_engagement, make_irritant
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


def test_the_page_groups_results_by_kind_in_french(viewer_client: Client):
    make_engagement(title_en="Talks on asylum", title_fr="Entretiens sur l’asile", summary_fr="")
    make_irritant(title_en="Asylum claims", title_fr="Demandes d’asile")
    make_forum(name_en="Asylum Forum", name_fr="Forum sur l’asile")
    response = viewer_client.get("/fr/search/", {"q": "asile"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="search"' in page and 'name="q"' in page
    assert "Entretiens sur l’asile" in page and "Talks on asylum" not in page
    assert 'id="results-engagement"' in page and 'id="results-irritant"' in page
    assert 'id="results-forum"' in page


def test_the_page_links_and_is_marked_with_the_highest_classification(viewer_client: Client):
    make_country(name_en="Mexico", name_fr="Mexique", iso_alpha3="MEX", iso_alpha2="MX")
    make_engagement(
        title_en="Mexico dialogue",
        title_fr="Dialogue avec le Mexique",
        classification=Classification.PROTECTED_B,
    )
    page = viewer_client.get("/en/search/", {"q": "mexico"}).content.decode()
    assert 'href="/en/geo/MEX/"' in page
    assert "classification-protected-b" in page


def test_an_unknown_kind_is_reported_on_the_field(viewer_client: Client):
    page = viewer_client.get("/en/search/", {"q": "asylum", "kind": "spaceship"}).content.decode()
    assert "gcds-error-summary" in page
    assert "Choose a kind of record from the list." in page


def test_the_page_needs_a_sign_in(client: Client):
    assert client.get("/en/search/", {"q": "x"}).status_code == 302


def test_the_api_filters_by_kind_and_respects_clearance(db: None):
    make_engagement(title_en="Labour mobility talks", title_fr="Mobilité de la main-d’œuvre")
    make_engagement(
        title_en="Labour mobility, protected",
        title_fr="Mobilité, protégé",
        classification=Classification.PROTECTED_B,
    )
    make_irritant(title_en="Labour mobility irritant", title_fr="Irritant")
    reader = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    response = signed_in_client(reader).get(
        "/api/v1/search/", {"q": "mobilite", "kind": "engagement", "lang": "fr"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["counts"] == {"engagement": 1}
    assert [r["title"] for r in data["results"]] == ["Mobilité de la main-d’œuvre"]
    assert data["classification"] == "unclassified"


def test_the_api_refuses_an_unknown_kind_and_a_missing_query(viewer: User):
    client = signed_in_client(viewer)
    assert client.get("/api/v1/search/", {"q": "x", "kind": "nothing"}).status_code == 400
    assert client.get("/api/v1/search/").status_code == 400
    assert Client().get("/api/v1/search/", {"q": "x"}).status_code in (401, 403)
