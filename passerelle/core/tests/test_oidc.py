"""Sign-in through the department's identity provider, end to end against a real OpenID Connect
provider started on 127.0.0.1 (panva's oidc-provider, core/tests/oidc/provider.mjs): the
authorization code flow with PKCE, the callback, the person created then kept up to date, their
groups mapped to roles, their clearance never above what Passerelle records, and sign-out ending
the provider's session too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.test.utils import override_settings

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, RoleMapping, User
from passerelle.core.tests.oidc.provider import Provider, running_provider, through_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(Path(tmp_path_factory.mktemp("oidc"))) as running:
        yield running


@pytest.fixture
def configured(provider: Provider) -> Iterator[Provider]:
    with override_settings(**provider.settings()):
        RoleMapping.objects.create(provider_group="ia-analysts", role="analyst")
        RoleMapping.objects.create(provider_group="ia-admins", role="administrator")
        yield provider


def sign_in(
    client: Client, browser: requests.Session, *, login: str, ask: list[str] | None = None
) -> str:
    """Sign in through the provider as `login`; where Passerelle sends the person then."""
    start = client.get("/oidc/authenticate/?next=/en/partners/")
    assert start.status_code == 302
    back = urlsplit(through_provider(browser, start["Location"], login=login, ask=ask))
    assert back.path == "/oidc/callback/"
    landed = client.get(f"{back.path}?{back.query}")
    assert landed.status_code == 302
    return str(landed["Location"])


def roles(user: User) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_newcomer_gets_the_roles_their_groups_map_to_and_no_clearance(
    configured: Provider,
) -> None:
    configured.set_account(
        "c0ffee-ana",
        preferred_username="ana.lima",
        email="ana.lima@example.gc.ca",
        given_name="Ana",
        family_name="Lima",
        groups=["ia-analysts", "ia-admins", "cafeteria-committee"],
        clearance="protected-b",  # a claim Passerelle never reads
    )
    client, browser = Client(), requests.Session()

    start = client.get("/oidc/authenticate/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["response_type"] == ["code"]

    assert sign_in(client, browser, login="c0ffee-ana") == "/en/partners/"
    person = User.objects.get(identity_subject="c0ffee-ana")
    assert (person.username, person.email, person.get_full_name()) == (
        "ana.lima",
        "ana.lima@example.gc.ca",
        "Ana Lima",
    )
    assert roles(person) == {"analyst", "administrator"}
    assert person.clearance == Classification.UNCLASSIFIED
    assert not person.has_usable_password()
    created = ChangeRecord.objects.get(
        content_type__model="user", object_id=str(person.pk), action=ChangeRecord.Action.CREATE
    )
    assert created.actor == "sign-in:oidc"
    # signed in: the next page is the system-use notice, not the sign-in page
    assert client.get("/en/partners/")["Location"].startswith("/en/notice/")


def test_each_sign_in_brings_roles_up_to_date_and_keeps_the_recorded_clearance(
    configured: Provider,
) -> None:
    configured.set_account("b0b", email="bob@example.gc.ca", groups=["ia-analysts"])
    client, browser = Client(), requests.Session()
    sign_in(client, browser, login="b0b")
    person = User.objects.get(identity_subject="b0b")
    person.clearance = Classification.PROTECTED_A  # recorded by an administrator
    person.save()

    configured.set_account("b0b", email="robert@example.gc.ca", groups=["ia-admins"])
    client = Client()
    sign_in(client, browser, login="b0b")

    person.refresh_from_db()
    assert roles(person) == {"administrator"}
    assert person.email == "robert@example.gc.ca"
    assert person.clearance == Classification.PROTECTED_A
    assert User.objects.filter(identity_subject="b0b").count() == 1


def test_a_person_whose_access_was_stopped_is_refused(configured: Provider) -> None:
    configured.set_account("d0ne", groups=["ia-analysts"])
    client, browser = Client(), requests.Session()
    sign_in(client, browser, login="d0ne")
    User.objects.filter(identity_subject="d0ne").update(is_active=False)

    client = Client()
    assert sign_in(client, browser, login="d0ne") == "/en/sign-in/?provider=failed"
    page = client.get("/en/sign-in/?provider=failed")
    assert "You are not signed in" in page.content.decode()
    assert client.get("/en/partners/")["Location"].startswith("/en/sign-in/")


def test_sign_out_ends_the_providers_session_too(configured: Provider) -> None:
    configured.set_account("e1", groups=["ia-analysts"])
    client, browser = Client(), requests.Session()
    sign_in(client, browser, login="e1")

    out = client.post("/en/sign-out/")
    assert out.status_code == 302
    end_session = out["Location"]
    assert end_session.startswith(f"{configured.url}/session/end?")
    assert "id_token_hint=" in end_session
    assert client.get("/en/partners/")["Location"].startswith("/en/sign-in/")
    assert through_provider(browser, end_session, login="e1") == "http://testserver/"

    asked: list[str] = []
    sign_in(Client(), browser, login="e1", ask=asked)
    assert "login" in asked  # the provider's session had ended: it asks who they are again


def test_the_sign_in_page_offers_the_provider(configured: Provider) -> None:
    page = Client().get("/en/sign-in/?next=/en/partners/").content.decode()
    assert 'href="/oidc/authenticate/?next=%2Fen%2Fpartners%2F"' in page
    assert 'name="password"' in page  # local accounts stay
    with override_settings(LOCAL_SIGN_IN=False):
        page = Client().get("/fr/sign-in/").content.decode()
        assert 'name="password"' not in page
        assert "/oidc/authenticate/" in page
