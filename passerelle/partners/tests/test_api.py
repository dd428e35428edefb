"""The partners' API: the generic CRUD tests for every model, roles as of a date, a forum's
members and roles, and the validation of a partner (a country or an organization, not both)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest

from passerelle.core.classification import Classification
from passerelle.core.testcases import (
    APICRUDTests,
    api_client,
    read_etag,
    someone_writes_after_the_check,
)
from passerelle.core.testing import make_user
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import (
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Relationship,
)
from passerelle.partners.tests.factories import (
    make_forum,
    make_forum_role,
    make_framework,
    make_membership,
    make_organization,
    make_relationship,
)

pytestmark = pytest.mark.django_db


class TestOrganizationAPI(APICRUDTests):
    model = Organization
    list_url = "/api/v1/partners/organizations/"
    factory = make_organization
    lookup_field = "slug"
    update_data: ClassVar[dict[str, Any]] = {"acronym_fr": "HCR", "website": "https://unhcr.org"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "slug": "unhcr",
            "name_en": "United Nations High Commissioner for Refugees",
            "name_fr": "Haut Commissariat des Nations Unies pour les réfugiés",
            "kind": "international",
            "headquarters": make_country().iso_alpha3,
            "countries": [make_country().iso_alpha3],
        }


class TestForumAPI(APICRUDTests):
    model = Forum
    list_url = "/api/v1/partners/forums/"
    factory = make_forum
    lookup_field = "slug"
    create_data: ClassVar[dict[str, Any]] = {
        "slug": "gfmd",
        "name_en": "Global Forum on Migration and Development",
        "name_fr": "Forum mondial sur la migration et le développement",
        "kind": "global_forum",
        "scope": "global",
    }
    update_data: ClassVar[dict[str, Any]] = {"acronym_en": "GFMD", "acronym_fr": "FMMD"}


class TestFrameworkAPI(APICRUDTests):
    model = Framework
    list_url = "/api/v1/partners/frameworks/"
    factory = make_framework
    lookup_field = "slug"
    update_data: ClassVar[dict[str, Any]] = {"adopted": "2022-06-10"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "slug": "la-declaration",
            "name_en": "Los Angeles Declaration on Migration and Protection",
            "name_fr": "Déclaration de Los Angeles sur la migration et la protection",
            "kind": "declaration",
            "forum": make_forum().slug,
            "countries": [make_country().iso_alpha3, make_country().iso_alpha3],
        }


class TestMembershipAPI(APICRUDTests):
    model = Membership
    list_url = "/api/v1/partners/memberships/"
    factory = make_membership
    update_data: ClassVar[dict[str, Any]] = {"end": "2023-12-31"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "forum": make_forum().slug,
            "country": make_country().iso_alpha3,
            "start": "2019-01-01",
        }


class TestForumRoleAPI(APICRUDTests):
    model = ForumRole
    list_url = "/api/v1/partners/roles/"
    factory = make_forum_role
    update_data: ClassVar[dict[str, Any]] = {"role": "co_chair"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "forum": make_forum().slug,
            "role": "chair",
            "organization": make_organization().slug,
            "start": "2021-01-01",
            "end": "2022-12-31",
            "precision": "year",
        }


class TestRelationshipAPI(APICRUDTests):
    model = Relationship
    list_url = "/api/v1/partners/relationships/"
    factory = make_relationship
    update_data: ClassVar[dict[str, Any]] = {"nature_fr": "Partenaire principal de recommandation"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "kind": "referral",
            "organization": make_organization().slug,
            "counterpart_country": make_country().iso_alpha3,
            "nature_en": "Primary referral partner for Government-Assisted Refugees",
            "nature_fr": "Principal partenaire de recommandation des réfugiés pris en charge",
        }


def _mirps() -> tuple[Forum, Any, Any]:
    """The MIRPS Support Platform: Canada chair then past chair, another country chair after."""
    forum = make_forum(slug="mirps-support-platform", name_en="MIRPS Support Platform")
    canada = make_country(iso_alpha3="CAN", name_en="Canada", name_fr="Canada")
    other = make_country()
    make_forum_role(
        forum=forum, country=canada, role="chair", start=date(2021, 7, 1), end=date(2022, 6, 30)
    )
    make_forum_role(
        forum=forum,
        country=canada,
        role="past_chair",
        start=date(2022, 7, 1),
        end=date(2023, 6, 30),
    )
    make_forum_role(
        forum=forum, country=other, role="chair", start=date(2022, 7, 1), end=date(2023, 6, 30)
    )
    make_membership(forum=forum, country=canada, start=date(2019, 7, 1))
    make_membership(forum=forum, country=other, start=date(2021, 1, 1), precision="year")
    return forum, canada, other


def test_roles_as_of_a_day(viewer: Any) -> None:
    _forum, _canada, other = _mirps()
    client = api_client(viewer)
    url = "/api/v1/partners/roles/"
    held = client.get(url, {"forum": "mirps-support-platform", "on": "2022-06-01"}).json()
    assert [(r["role"], r["holder"]["key"]) for r in held["results"]] == [("chair", "CAN")]
    after = client.get(url, {"forum": "mirps-support-platform", "on": "2022-08-01"}).json()
    assert sorted((r["role"], r["holder"]["key"]) for r in after["results"]) == [
        ("chair", other.iso_alpha3),
        ("past_chair", "CAN"),
    ]
    assert (
        client.get(url, {"forum": "mirps-support-platform", "on": "2020-01-01"}).json()["count"]
        == 0
    )
    bad = client.get(url, {"on": "June 2022"})
    assert bad.status_code == 400
    assert "on" in bad.json()


def test_forum_shows_its_members_and_roles_over_time(viewer: Any) -> None:
    forum, _canada, other = _mirps()
    secret = make_country(classification=Classification.PROTECTED_B)
    make_membership(forum=forum, country=secret, classification=Classification.PROTECTED_B)
    data = api_client(viewer).get(f"/api/v1/partners/forums/{forum.slug}/").json()
    members = {m["member"]["key"]: m for m in data["members"]}
    assert set(members) == {"CAN", other.iso_alpha3, secret.iso_alpha3}
    assert members["CAN"]["start"] == "2019-07-01"
    assert members["CAN"]["end"] is None
    assert members[other.iso_alpha3]["period"] == "2021-"
    roles = [(r["role"], r["holder"]["key"], r["start"], r["end"]) for r in data["roles"]]
    assert ("chair", "CAN", "2021-07-01", "2022-06-30") in roles
    assert ("past_chair", "CAN", "2022-07-01", "2023-06-30") in roles
    [chair] = [r for r in data["roles"] if r["role"] == "chair" and r["holder"]["key"] == "CAN"]
    assert chair["holder"]["name_en"] == "Canada"
    assert chair["precision"] == "year"
    assert chair["period"] == "2021-2022"

    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    shown = api_client(low).get(f"/api/v1/partners/forums/{forum.slug}/").json()
    keys = {m["member"]["key"] for m in shown["members"]}
    assert secret.iso_alpha3 not in keys, "a member above the reader's clearance is not shown"
    assert "CAN" in keys


def test_forum_answer_after_a_write_hides_what_the_writer_may_not_see() -> None:
    forum, _canada, _other = _mirps()
    secret = make_organization(classification=Classification.PROTECTED_B)
    make_membership(forum=forum, organization=secret, classification=Classification.PROTECTED_B)
    client = api_client(make_user(role="analyst", clearance=Classification.UNCLASSIFIED))
    url = f"/api/v1/partners/forums/{forum.slug}/"
    response = client.patch(
        url, {"acronym_en": "MSP"}, format="json", HTTP_IF_MATCH=read_etag(client, url)
    )
    assert response.status_code == 200
    assert secret.slug not in {m["member"]["key"] for m in response.json()["members"]}


@pytest.mark.parametrize(
    "parties",
    [
        {},
        {"country": "XXA", "organization": "both"},
    ],
)
def test_a_member_is_a_country_or_an_organization_not_both(analyst: Any, parties: dict) -> None:
    forum = make_forum()
    make_country(iso_alpha3="XXA")
    make_organization(slug="both")
    response = api_client(analyst).post(
        "/api/v1/partners/memberships/", {"forum": forum.slug, **parties}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert "exactly one" in errors["country"][0]
    assert "exactly one" in errors["organization"][0]
    assert not Membership.objects.exists()


def test_patch_cannot_give_a_role_a_second_holder(analyst: Any) -> None:
    role = make_forum_role(country=make_country())
    client = api_client(analyst)
    url = f"/api/v1/partners/roles/{role.pk}/"
    response = client.patch(
        url,
        {"organization": make_organization().slug},
        format="json",
        HTTP_IF_MATCH=read_etag(client, url),
    )
    assert response.status_code == 400
    assert "organization" in response.json()
    role.refresh_from_db()
    assert role.organization_id is None


def test_relationship_needs_one_counterpart_and_an_ordered_period(analyst: Any) -> None:
    organization = make_organization()
    data = {
        "kind": "referral",
        "organization": organization.slug,
        "nature_en": "x",
        "nature_fr": "x",
    }
    client = api_client(analyst)
    response = client.post("/api/v1/partners/relationships/", data, format="json")
    assert response.status_code == 400
    assert "counterpart_country" in response.json()
    data |= {"counterpart_country": make_country().iso_alpha3}
    data |= {"start": "2024-01-01", "end": "2023-01-01"}
    response = client.post("/api/v1/partners/relationships/", data, format="json")
    assert response.status_code == 400
    assert "end" in response.json()


def test_unknown_or_invisible_country_is_a_clear_error() -> None:
    secret = make_country(classification=Classification.PROTECTED_B)
    client = api_client(make_user(role="analyst", clearance=Classification.UNCLASSIFIED))
    for code in ("ZZZ", secret.iso_alpha3):
        response = client.post(
            "/api/v1/partners/memberships/",
            {"forum": make_forum().slug, "country": code},
            format="json",
        )
        assert response.status_code == 400
        assert code in response.json()["country"][0]


def test_organizations_filter_by_country_and_search(viewer: Any) -> None:
    country = make_country()
    unhcr = make_organization(slug="unhcr", acronym_en="UNHCR")
    unhcr.countries.set([country])
    make_organization(slug="iom", acronym_en="IOM")
    client = api_client(viewer)
    url = "/api/v1/partners/organizations/"
    by_country = client.get(url, {"country": country.iso_alpha3}).json()["results"]
    assert [o["slug"] for o in by_country] == ["unhcr"]
    assert [o["slug"] for o in client.get(url, {"q": "iom"}).json()["results"]] == ["iom"]
    assert [o["slug"] for o in client.get(url, {"search": "unhcr"}).json()["results"]] == ["unhcr"]


def test_a_write_between_check_and_save_is_refused_by_the_version(
    analyst: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """django-concurrency's `UPDATE … WHERE version = <If-Match's>` decides, not the check."""
    organization = make_organization()
    url = f"/api/v1/partners/organizations/{organization.slug}/"
    client = api_client(analyst)
    etag = read_etag(client, url)
    someone_writes_after_the_check(monkeypatch, acronym_en="THEIRS")
    response = client.patch(url, {"acronym_fr": "MIEN"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    organization.refresh_from_db()
    assert (organization.acronym_en, organization.acronym_fr) == ("THEIRS", "")
    assert response.json()["current_etag"] == f'"partners.organization-{organization.pk}-v2"'
