"""The people pages and group mappings (core/views/people.py): administrators only; filters by
role, clearance and active; an edit of roles, clearance and access, change-logged, refused above
the administrator's own clearance or from a stale version; a clearance change that holds from the
person's next request; the identity provider's groups mapped to roles."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, RoleMapping, User
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_source, make_user, signed_in_client

pytestmark = pytest.mark.django_db
U, PA, PB = Classification.UNCLASSIFIED, Classification.PROTECTED_A, Classification.PROTECTED_B


@pytest.fixture
def admin() -> User:
    return make_user(role="administrator", clearance=PB, username="root-admin")


@pytest.fixture
def admin_client(admin: User) -> Client:
    return signed_in_client(admin)


def roles(user: User) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_only_administrators_open_the_pages(admin_client: Client) -> None:
    person = make_user(role="viewer")
    mapping = RoleMapping.objects.create(provider_group="ia-analysts", role="analyst")
    addresses = [
        "/en/people/",
        f"/en/people/{person.pk}/",
        f"/en/people/{person.pk}/edit/",
        f"/en/people/{person.pk}/history/",
        "/en/group-mappings/",
        "/en/group-mappings/add/",
        f"/en/group-mappings/{mapping.pk}/",
        f"/en/group-mappings/{mapping.pk}/edit/",
        f"/en/group-mappings/{mapping.pk}/delete/",
    ]
    analyst = signed_in_client(make_user(role="analyst", clearance=PB))
    for address in addresses:
        assert Client().get(address).status_code == 302, address
        assert analyst.get(address).status_code == 403, address
        assert admin_client.get(address).status_code == 200, address
    assert analyst.post(f"/en/people/{person.pk}/edit/", {"clearance": PB}).status_code == 403
    assert User.objects.get(pk=person.pk).clearance == person.clearance


def test_the_list_filters_by_role_clearance_and_active(admin_client: Client) -> None:
    make_user(role="viewer", clearance=PA, username="vera")
    make_user(role="analyst", clearance=U, username="anil")
    make_user(role="analyst", clearance=PA, username="gone", is_active=False)

    def listed(query: str) -> set[str]:
        page = admin_client.get(f"/en/people/?{query}")
        assert page.status_code == 200
        return {row.record.username for row in page.context["table"].page.object_list}

    assert listed("role=analyst") == {"anil", "gone"}
    assert listed(f"clearance={PA}") == {"vera", "gone"}
    assert listed("active=no") == {"gone"}
    assert listed(f"role=analyst&clearance={PA}&active=yes") == set()
    csv = admin_client.get("/en/people/?format=csv&role=viewer").content.decode()
    assert "vera" in csv and "anil" not in csv


def test_an_edit_changes_roles_clearance_and_access_with_its_change_record(
    admin: User, admin_client: Client
) -> None:
    person = make_user(role="viewer", clearance=U, username="pat")
    page = admin_client.post(
        f"/en/people/{person.pk}/edit/",
        {"roles": ["analyst", "coordinator"], "clearance": PA, "version": person.version},
    )
    assert page.status_code == 302
    person.refresh_from_db()
    assert (roles(person), person.clearance, person.is_active) == (
        {"analyst", "coordinator"},
        PA,
        False,  # an unchecked box: access stopped
    )
    changes = ChangeRecord.objects.filter(content_type__model="user", object_id=str(person.pk))
    assert {change.user_name for change in changes.filter(actor="web")} == {"root-admin"}
    fields = {name for change in changes for name in change.changed_fields()}
    assert {"clearance", "is_active", "groups"} <= fields
    detail = admin_client.get(f"/en/people/{person.pk}/").content.decode()
    assert "Protected A" in detail and "Analyst, Coordinator" in detail


def test_no_clearance_above_the_administrators_own_and_no_stale_save(admin_client: Client) -> None:
    limited = signed_in_client(make_user(role="administrator", clearance=PA))
    person = make_user(role="viewer", clearance=U)
    refused = limited.post(
        f"/en/people/{person.pk}/edit/",
        {"roles": ["viewer"], "clearance": PB, "is_active": "on", "version": person.version},
    )
    assert refused.status_code == 400
    assert "up to your own, Protected A" in refused.content.decode()

    stale = person.version
    admin_client.post(
        f"/en/people/{person.pk}/edit/",
        {"roles": ["viewer"], "clearance": PA, "is_active": "on", "version": stale},
    )
    again = admin_client.post(
        f"/en/people/{person.pk}/edit/",
        {"roles": ["analyst"], "clearance": U, "is_active": "on", "version": stale},
    )
    assert again.status_code == 409
    person.refresh_from_db()
    assert (roles(person), person.clearance) == ({"viewer"}, PA)


def test_administrators_cannot_lock_themselves_out(admin: User, admin_client: Client) -> None:
    page = admin_client.post(
        f"/en/people/{admin.pk}/edit/", {"roles": ["viewer"], "clearance": PB, "version": 1}
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "You cannot stop your own access." in text
    assert "You cannot take away your own administrator role." in text


def test_a_clearance_change_holds_from_the_next_request(admin_client: Client) -> None:
    person = make_user(role="viewer", clearance=PB)
    source = make_source(classification=PB)
    reader = signed_in_client(person)
    assert reader.get(f"/en/sources/{source.key}/").status_code == 200

    person.refresh_from_db()
    admin_client.post(
        f"/en/people/{person.pk}/edit/",
        {"roles": ["viewer"], "clearance": U, "is_active": "on", "version": person.version},
    )
    assert reader.get(f"/en/sources/{source.key}/").status_code == 404


def test_group_mappings_are_kept_with_their_change_records(admin_client: Client) -> None:
    added = admin_client.post(
        "/en/group-mappings/add/", {"provider_group": " IA-Network ", "role": "network manager"}
    )
    assert added.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.provider_group, mapping.role) == ("IA-Network", "network manager")
    duplicate = admin_client.post(
        "/en/group-mappings/add/", {"provider_group": "IA-Network", "role": "viewer"}
    )
    assert "already gives a role" in duplicate.content.decode()
    unknown = admin_client.post(
        "/en/group-mappings/add/", {"provider_group": "IA-Other", "role": "emperor"}
    )
    assert unknown.status_code == 400
    admin_client.post(
        f"/en/group-mappings/{mapping.pk}/edit/",
        {"provider_group": "IA-Network", "role": "viewer", "version": mapping.version},
    )
    admin_client.post(f"/en/group-mappings/{mapping.pk}/delete/", {"version": 2})
    assert not RoleMapping.objects.exists()
    actions = list(
        ChangeRecord.objects.filter(content_type__model="rolemapping")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    listed = admin_client.get("/en/group-mappings/").content.decode()
    assert "Nothing to show." in listed


class TestPersonPages(PageReadTests):
    model = User
    list_url = "/people/"
    view_role = "administrator"

    def make(self, **fields: object) -> User:
        return make_user(role="viewer", **fields)  # type: ignore[arg-type]


class TestRoleMappingPages(PageReadTests):
    model = RoleMapping
    list_url = "/group-mappings/"
    view_role = "administrator"

    def make(self, **fields: object) -> RoleMapping:
        return RoleMapping.objects.create(provider_group="ia-analysts", role="analyst")


def test_the_api_gives_people_and_mappings_to_administrators_only(admin_client: Client) -> None:
    make_user(role="viewer", clearance=PA, username="vera")
    analyst = signed_in_client(make_user(role="analyst"))
    assert analyst.get("/api/v1/core/people/").status_code == 403
    assert analyst.get("/api/v1/core/group-mappings/").status_code == 403
    people = admin_client.get("/api/v1/core/people/?role=viewer").json()["results"]
    assert [(p["username"], p["clearance"], p["roles"]) for p in people] == [
        ("vera", PA, ["viewer"])
    ]
    created = admin_client.post(
        "/api/v1/core/group-mappings/",
        {"provider_group": "ia-coordinators", "role": "coordinator"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created["ETag"]
    refused = admin_client.post(
        "/api/v1/core/group-mappings/",
        {"provider_group": "ia-coordinators", "role": "emperor"},
        content_type="application/json",
    )
    assert refused.status_code == 400
