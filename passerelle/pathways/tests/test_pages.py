"""The pathways' pages on the reference data: the overview, a measure's page (timeline,
funnel, progress against the commitment, met on), the country pages' panel, search, CSV, and
who may edit."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.core.csv import read_marked_csv
from passerelle.core.testing import make_user, signed_in_client
from passerelle.pathways.models import Pathway, ProgressFigure

pytestmark = pytest.mark.django_db

SLUGS = (
    "afghan-resettlement",
    "cuaet",
    "americas-humanitarian-pathway",
    "sudan-family-pathway",
    "gaza-temporary-resident-pathway",
)


@pytest.fixture
def coordinator_client(reference_data: None) -> Client:
    return signed_in_client(make_user(role="coordinator"))


def test_overview_shows_every_measure_with_its_status(
    viewer_client: Client, reference_data: None
) -> None:
    page = viewer_client.get("/en/pathways/")
    assert page.status_code == 200
    text = page.content.decode()
    for pathway in Pathway.objects.all():
        assert pathway.name_en in text
    assert "Intake paused" in text  # the Americas, since December 30, 2023
    assert "met on October 30, 2023" in text  # the 40,000 Afghans


def test_pathway_page_has_timeline_funnel_and_progress(
    viewer_client: Client, reference_data: None
) -> None:
    page = viewer_client.get("/en/pathways/gaza-temporary-resident-pathway/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Cap changed" in text and "Timeline" in text
    assert 'id="funnel-table"' in text and "<svg" in text
    assert "met on March 6, 2025" in text
    assert "Earlier versions:" in text and "1,000" in text
    assert "secondary source" in text


def test_no_projection_for_a_closed_intake_or_too_few_figures(
    viewer_client: Client, reference_data: None
) -> None:
    sudan = viewer_client.get("/en/pathways/sudan-family-pathway/").content.decode()
    assert "fewer than three published observations" in sudan
    assert "ordinary least squares" in sudan


def test_french_pages(viewer_client: Client, reference_data: None) -> None:
    page = viewer_client.get("/fr/pathways/cuaet/")
    assert page.status_code == 200
    assert "AVUCU" in page.content.decode()


@pytest.mark.parametrize(
    ("iso3", "slug"),
    [
        ("SDN", "sudan-family-pathway"),
        ("PSE", "gaza-temporary-resident-pathway"),
        ("UKR", "cuaet"),
        ("HTI", "americas-humanitarian-pathway"),
    ],
)
def test_country_pages_show_their_measure(
    viewer_client: Client, reference_data: None, iso3: str, slug: str
) -> None:
    page = viewer_client.get(f"/en/geo/{iso3}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Crisis response measures" in text
    assert Pathway.objects.get(slug=slug).get_absolute_url() in text


@pytest.mark.parametrize(
    ("query", "slug"),
    [("Gaza", "gaza-temporary-resident-pathway"), ("CUAET", "cuaet"), ("AVUCU", "cuaet")],
)
def test_search_finds_the_measure(
    viewer_client: Client, reference_data: None, query: str, slug: str
) -> None:
    page = viewer_client.get("/en/search/", {"q": query})
    assert Pathway.objects.get(slug=slug).get_absolute_url() in page.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/en/pathways/",
        "/en/pathways/events/",
        "/en/pathways/commitments/",
        "/en/pathways/progress/",
    ],
)
def test_every_list_has_its_csv(viewer_client: Client, reference_data: None, address: str) -> None:
    response = viewer_client.get(address, {"format": "csv"})
    assert response.status_code == 200
    assert read_marked_csv(response.content.decode())


def test_record_pages_render(viewer_client: Client, reference_data: None) -> None:
    figure = ProgressFigure.objects.filter(secondary=True).first()
    assert figure is not None
    page = viewer_client.get(figure.get_absolute_url())
    assert page.status_code == 200 and "secondary source" in page.content.decode()


def test_only_coordinators_edit(viewer_client: Client, coordinator_client: Client) -> None:
    assert viewer_client.get("/en/pathways/progress/add/").status_code == 403
    assert coordinator_client.get("/en/pathways/progress/add/?pathway=cuaet").status_code == 200
    assert coordinator_client.get("/en/pathways/cuaet/edit/").status_code == 200
