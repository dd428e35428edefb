"""A country's page leads with the relationship: open irritants, upcoming and recent
engagements, overdue follow-ups, then one list of what the country shares with Canada (forums,
frameworks, initiatives), key figures with their sources, the operations signals, crisis
measures, capacity building and the network; its names, codes and M49 regions come last."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from passerelle.engagements.tests.factories import make_engagement, make_follow_up, make_irritant
from passerelle.geo.tests.factories import make_country
from passerelle.indicators.tests.factories import make_indicator, make_observation
from passerelle.partners.tests.factories import (
    make_forum,
    make_framework,
    make_membership,
    make_organization,
    make_relationship,
)
from passerelle.pathways.tests.factories import make_pathway
from passerelle.programs.models import Initiative
from passerelle.programs.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexico() -> object:
    mexico = make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484", name_en="Mexico")
    canada = make_country(iso_alpha3="CAN", iso_alpha2="CA", iso_numeric="124", name_en="Canada")
    today = date.today()
    make_irritant(country=mexico, title_en="Visa processing delays")
    make_engagement(countries=[mexico], title_en="Next call", start_date=today + timedelta(30))
    past = make_engagement(
        countries=[mexico], title_en="Last visit", start_date=today - timedelta(30)
    )
    make_follow_up(engagement=past, action_en="Send the summary", due=today - timedelta(5))
    rcm = make_forum(slug="rcm", name_en="Regional Conference on Migration")
    for country in (mexico, canada):
        make_membership(forum=rcm, country=country, start=None, end=None)
    declaration = make_framework(slug="la-declaration", name_en="Los Angeles Declaration")
    declaration.countries.set([mexico, canada])
    racbi = Initiative.objects.create(
        slug="racbi", name_en="Regional Asylum Capacity Building Initiative", name_fr="IRCA",
        acronym_en="RACBI", acronym_fr="IRCA", order=30,
    )  # fmt: skip
    racbi.countries.set([mexico])
    racbi.organizations.set([make_organization(slug="unhcr", name_en="UNHCR")])
    make_relationship(
        country=canada, counterpart_country=mexico, kind="capacity_building",
        nature_en="Supports Mexico’s asylum system through technical expertise.",
    )  # fmt: skip
    make_observation(
        indicator=make_indicator(code="unhcr.refugees.asylum"), geography="MEX", value=120000.0
    )
    pathway = make_pathway(name_en="Western Hemisphere humanitarian pathway")
    pathway.countries.set([mexico])
    make_project(title_en="Asylum processing support").countries.set([mexico])
    return mexico


def _place(html: str, marker: str) -> int:
    assert marker in html, marker
    return html.index(marker)


def test_the_page_leads_with_the_relationship_and_ends_with_the_codes(
    mexico: object, viewer_client: Client
) -> None:
    html = viewer_client.get("/en/geo/MEX/").content.decode()
    order = [
        "Open irritants",
        "Visa processing delays",
        "Upcoming engagements",
        "Next call",
        "Recent engagements",
        "Last visit",
        "Overdue follow-ups",
        "Send the summary",
        'id="country-partners"',
        "Key figures, with their sources",
        "Crisis response measures",
        'id="country-capacity-building"',
        'id="country-identity"',
        "UN M49 regions",
    ]
    places = [_place(html, marker) for marker in order]
    assert places == sorted(places), [m for m, p in zip(order, places, strict=True)]


def test_forums_frameworks_and_initiatives_shared_with_canada_are_one_list(
    mexico: object, viewer_client: Client
) -> None:
    html = viewer_client.get("/en/geo/MEX/").content.decode()
    start = _place(html, 'id="country-partners"')
    shared = html[start : html.index("</ul>", start)]
    for name in (
        "Regional Conference on Migration",
        "Los Angeles Declaration",
        "Regional Asylum Capacity Building Initiative",
    ):
        assert name in shared, name
    assert "partners: UNHCR" in shared
    assert html.count("Regional Asylum Capacity Building Initiative") == 1, "listed once"
    assert html.count("Regional Conference on Migration") == 1, "not also as a membership"
    # The key figure carries its source; the relationship row its illustrative badge.
    figures = html[_place(html, "Key figures, with their sources") :]
    assert "Refugees hosted" in figures
    nature = _place(html, "Supports Mexico’s asylum system")
    row = html[html.rindex("<tr>", 0, nature) : html.index("</tr>", nature)]
    assert 'class="badge-illustrative"' in row
