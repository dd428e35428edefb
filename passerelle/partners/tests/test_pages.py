"""The partners' pages: lists, profiles, CSV export, the country page's partners section,
clearance and French."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from passerelle.core.classification import Classification
from passerelle.core.csv import read_marked_csv
from passerelle.core.models import User
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import FollowUp, Irritant
from passerelle.engagements.tests.factories import (
    make_commitment,
    make_engagement,
    make_follow_up,
    make_irritant,
)
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import Forum, ForumRole, Framework, Organization
from passerelle.partners.tests.factories import (
    make_forum,
    make_forum_role,
    make_framework,
    make_membership,
    make_organization,
    make_relationship,
)


class _NamedBySlug:
    """The pages of a partner record named by its slug (a mixin: the declarations test reads
    every PageReadTests subclass as one model's tests): its page is at the list's address plus its
    slug, its form is `form`, and an edit renames it."""

    lookup_field = "slug"
    form: ClassVar[dict[str, str]]

    def create_data(self) -> dict[str, Any]:
        return dict(self.form)


def _names(slug: str) -> dict[str, str]:
    return {"slug": slug, "name_en": f"{slug} en", "name_fr": f"{slug} fr", "classification": "0"}


class TestForumPages(_NamedBySlug, PageCRUDTests):
    model = Forum
    list_url = "/partners/forums/"
    factory = make_forum
    form = {**_names("gcm"), "kind": Forum.Kind.GLOBAL_FORUM, "scope": Forum.Scope.GLOBAL}


class TestOrganizationPages(_NamedBySlug, PageCRUDTests):
    model = Organization
    list_url = "/partners/organizations/"
    factory = make_organization
    form = {**_names("iom"), "kind": Organization.Kind.INTERNATIONAL}


class TestFrameworkPages(_NamedBySlug, PageCRUDTests):
    model = Framework
    list_url = "/partners/frameworks/"
    factory = make_framework
    form = {**_names("gcr"), "kind": Framework.Kind.COMPACT}


pytestmark = pytest.mark.django_db


@pytest.fixture
def mirps(canada: Country, mexico: Country) -> Forum:
    forum = make_forum(
        slug="mirps-support-platform",
        name_en="MIRPS Support Platform",
        name_fr="Plateforme de soutien du MIRPS",
        acronym_en="MIRPS",
    )
    make_membership(forum=forum, country=canada, start=date(2019, 1, 1))
    make_membership(forum=forum, country=mexico, start=date(2017, 10, 1))
    make_forum_role(
        forum=forum,
        country=canada,
        role=ForumRole.Kind.CHAIR,
        start=date(2021, 1, 1),
        end=date(2022, 12, 31),
    )
    make_forum_role(
        forum=forum,
        country=canada,
        role=ForumRole.Kind.PAST_CHAIR,
        start=date(2022, 1, 1),
        end=date(2023, 12, 31),
    )
    return forum


@pytest.fixture
def rcm(canada: Country, mexico: Country) -> Forum:
    forum = make_forum(
        slug="rcm",
        name_en="Regional Conference on Migration",
        name_fr="Conférence régionale sur la migration",
        acronym_en="RCM",
        acronym_fr="CRM",
    )
    make_membership(forum=forum, country=canada, start=date(1996, 1, 1))
    make_membership(forum=forum, country=mexico, start=date(1996, 1, 1))
    make_forum_role(
        forum=forum,
        country=mexico,
        role=ForumRole.Kind.CHAIR,
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    return forum


def test_index_lists_the_three_kinds(viewer_client: Client) -> None:
    forum, organization, framework = make_forum(), make_organization(), make_framework()
    content = viewer_client.get("/en/partners/").content.decode()
    for record, url in (
        (forum, "forums"),
        (organization, "organizations"),
        (framework, "frameworks"),
    ):
        assert f"/en/partners/{url}/{record.slug}/" in content
        assert record.name_en in content


def test_forum_profile(mirps: Forum, viewer_client: Client) -> None:
    unhcr = make_organization(name_en="UNHCR", slug="unhcr")
    directing = make_forum(name_en="Summit of the Americas")
    mirps.secretariat, mirps.directed_by = unhcr, directing
    mirps.description_en = "A platform to support the MIRPS countries."
    mirps.save()
    framework = make_framework(forum=mirps, name_en="Comprehensive Regional Framework")
    content = viewer_client.get(f"/en/partners/forums/{mirps.slug}/").content.decode()
    assert "A platform to support the MIRPS countries." in content
    assert "/en/partners/organizations/unhcr/" in content
    assert "Summit of the Americas" in content
    assert framework.name_en in content
    assert "Mexico" in content and "Canada" in content
    assert "Past chair" in content and "2021-2022" in content and "2022-2023" in content
    assert "<svg" in content and "<text" in content, "a timeline, its text as text"
    assert 'id="forum-roles-table"' in content, "the table equivalent"


def test_forum_profile_shows_activity(mirps: Forum, mexico: Country, viewer_client: Client) -> None:
    engagement = make_engagement(countries=[mexico], forum=mirps, title_en="MIRPS annual meeting")
    make_follow_up(engagement=engagement, action_en="Circulate the communiqué")
    make_follow_up(engagement=engagement, action_en="Old done action", status=FollowUp.Status.DONE)
    irritant = make_irritant(country=mexico, title_en="Refusal rates raised at MIRPS")
    irritant.engagements.add(engagement)
    make_irritant(
        country=mexico, title_en="Resolved one", status=Irritant.Status.RESOLVED
    ).engagements.add(engagement)
    make_commitment(forum=mirps, description_en="Fund a protection workshop")
    content = viewer_client.get(f"/en/partners/forums/{mirps.slug}/").content.decode()
    assert "MIRPS annual meeting" in content
    assert "Circulate the communiqué" in content
    assert "Old done action" not in content
    assert "Refusal rates raised at MIRPS" in content
    assert "Resolved one" not in content
    assert "Fund a protection workshop" in content


def test_organization_profile(mexico: Country, viewer_client: Client) -> None:
    iom = make_organization(
        slug="iom",
        name_en="International Organization for Migration",
        iati_identifier="XM-DAC-47066",
        headquarters=make_country(name_en="Switzerland"),
    )
    make_relationship(
        organization=iom,
        counterpart_country=mexico,
        kind="service",
        nature_en="Transportation and pre-departure medical services",
    )
    forum = make_forum(name_en="UN Network on Migration")
    make_membership(forum=forum, organization=iom, start=date(2018, 12, 1))
    make_engagement(countries=[], title_en="Call with IOM").organizations.add(iom)
    make_irritant(organization=iom, title_en="Slow medical exams")
    make_commitment(organization=iom, description_en="Share movement data")
    content = viewer_client.get("/en/partners/organizations/iom/").content.decode()
    for text in (
        "XM-DAC-47066",
        "Switzerland",
        "Transportation and pre-departure medical services",
        "Service delivery partner",
        "UN Network on Migration",
        "Call with IOM",
        "Slow medical exams",
        "Share movement data",
    ):
        assert text in content, text


def test_framework_detail(mexico: Country, mirps: Forum, viewer_client: Client) -> None:
    framework = make_framework(name_en="Los Angeles Declaration", forum=mirps)
    framework.countries.add(mexico)
    content = viewer_client.get(f"/en/partners/frameworks/{framework.slug}/").content.decode()
    assert "Los Angeles Declaration" in content
    assert "/en/geo/MEX/" in content
    assert f"/en/partners/forums/{mirps.slug}/" in content


def test_mexico_country_page_shows_mirps_and_rcm(
    mirps: Forum, rcm: Forum, mexico: Country, viewer_client: Client
) -> None:
    content = viewer_client.get("/en/geo/MEX/").content.decode()
    assert "Shared with Canada: forums, frameworks and initiatives" in content
    assert "MIRPS Support Platform" in content
    assert "Regional Conference on Migration" in content
    section = content.split('id="country-roles-table"')[1].split("</table>")[0]
    assert section.count("<tr>") == 4, "Canada's two MIRPS roles, Mexico's RCM role, header"
    assert "Past chair" in section and "2022-2023" in section
    assert "<svg" in content


def test_country_page_without_partners_has_no_section(viewer_client: Client) -> None:
    country = make_country()
    content = viewer_client.get(f"/en/geo/{country.iso_alpha3}/").content.decode()
    assert 'id="country-partners"' not in content


def test_country_page_shows_relationships(mexico: Country, viewer_client: Client) -> None:
    make_relationship(
        organization=make_organization(name_en="UNHCR"),
        counterpart_country=mexico,
        nature_en="Primary referral partner",
    )
    content = viewer_client.get("/en/geo/MEX/").content.decode()
    assert "Primary referral partner" in content


def test_protected_b_role_never_reaches_an_unclassified_viewer(
    mirps: Forum, mexico: Country
) -> None:
    make_forum_role(
        forum=mirps,
        country=mexico,
        role=ForumRole.Kind.INCOMING_CHAIR,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        classification=Classification.PROTECTED_B,
    )
    low = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    for path in (f"/en/partners/forums/{mirps.slug}/", "/en/geo/MEX/"):
        content = low.get(path).content.decode()
        assert "Incoming chair" not in content, path
        assert "Protected B" not in content, path
    high = signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    for path in (f"/en/partners/forums/{mirps.slug}/", "/en/geo/MEX/"):
        content = high.get(path).content.decode()
        assert "Incoming chair" in content, path
        assert "Protected B" in content, f"{path} is marked with what it shows"


def test_french_pages_show_french_names(mirps: Forum, rcm: Forum, viewer_client: Client) -> None:
    content = viewer_client.get(f"/fr/partners/forums/{rcm.slug}/").content.decode()
    assert "Conférence régionale sur la migration (CRM)" in content
    listing = viewer_client.get("/fr/partners/forums/").content.decode()
    assert "Plateforme de soutien du MIRPS" in listing
    assert "MIRPS Support Platform" not in listing
    table = listing[listing.index("<table") :]
    assert table.index("Conférence régionale") < table.index("Plateforme de soutien"), (
        "sorted by the French name"
    )
    country = viewer_client.get("/fr/geo/MEX/").content.decode()
    assert "Conférence régionale sur la migration" in country
    assert "Mexique" in country
    coordinates = re.findall(r'<(?:rect|text|line) x1?="([^"]+)"', country)
    assert coordinates, "the timeline is drawn"
    for value in coordinates:
        float(value)  # a French decimal comma would break the drawing
    assert ">2021</text>" in country, "years are not grouped like numbers (2 021)"


def test_list_filters(mirps: Forum, rcm: Forum, viewer_client: Client) -> None:
    make_forum(name_en="Global Forum on Migration and Development", scope=Forum.Scope.GLOBAL)
    content = viewer_client.get("/en/partners/forums/?scope=global").content.decode()
    assert "Global Forum on Migration and Development" in content
    assert "Regional Conference on Migration" not in content
    by_acronym = viewer_client.get("/en/partners/forums/?q=crm").content.decode()
    assert "Regional Conference on Migration" in by_acronym
    assert "MIRPS Support Platform" not in by_acronym


def test_a_bad_filter_is_reported(viewer_client: Client) -> None:
    make_forum(name_en="Kept forum")
    content = viewer_client.get("/en/partners/forums/?kind=nonsense").content.decode()
    assert "gcds-error-summary" in content
    assert "#id_kind" in content, "the summary links to the field"
    assert "Choose a type from the list." in content
    assert "Kept forum" not in content


def test_csv_export_of_forums(mirps: Forum, rcm: Forum, viewer_client: Client) -> None:
    make_forum(name_en="Secret forum", classification=Classification.PROTECTED_A)
    response = viewer_client.get("/en/partners/forums/?format=csv&q=rcm")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="forums.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    first_line = text.lstrip("\ufeff").splitlines()[0]
    assert first_line.startswith("# Security classification: Unclassified")
    assert "illustrative" in first_line.lower()
    rows = read_marked_csv(text)
    assert [row["Name (French)"] for row in rows] == ["Conférence régionale sur la migration"]
    assert rows[0]["Acronym (English)"] == "RCM"
    everything = viewer_client.get("/en/partners/forums/?format=csv").content.decode()
    assert everything.lstrip("\ufeff").startswith("# Security classification: Protected A")
    assert len(read_marked_csv(everything)) == 3


def test_csv_export_respects_clearance(unclassified_viewer: User) -> None:
    make_organization(name_en="Open organization")
    make_organization(name_en="Hidden organization", classification=Classification.PROTECTED_B)
    client = signed_in_client(unclassified_viewer)
    text = client.get("/en/partners/organizations/?format=csv").content.decode()
    names = [row["Name (English)"] for row in read_marked_csv(text)]
    assert names == ["Open organization"]
    assert "Protected B" not in text


def test_csv_export_in_french_has_french_headers(viewer_client: Client) -> None:
    make_framework(name_en="Global Compact for Migration")
    text = viewer_client.get("/fr/partners/frameworks/?format=csv").content.decode()
    assert "Nom (français)" in text.splitlines()[1]


def test_forum_profile_query_count_does_not_grow_with_members(mirps: Forum, viewer: User) -> None:
    client = signed_in_client(viewer)
    url = f"/en/partners/forums/{mirps.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        member = make_country()
        make_membership(forum=mirps, country=member)
        make_forum_role(forum=mirps, country=member, role=ForumRole.Kind.MEMBER)
    client.get(url)  # as `few`: the second request after the last write (permissions kept)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_forum_list_query_count_does_not_grow(viewer: User) -> None:
    client = signed_in_client(viewer)
    make_forum(secretariat=make_organization())
    with CaptureQueriesContext(connection) as few:
        client.get("/en/partners/forums/")
    for _ in range(5):
        make_forum(secretariat=make_organization(), directed_by=make_forum())
    with CaptureQueriesContext(connection) as many:
        client.get("/en/partners/forums/")
    assert len(many) == len(few)
