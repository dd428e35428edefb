"""Every page, in both languages, through the views a user reaches."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.middleware import NOTICE_SESSION_KEY
from passerelle.core.models import Citation, Fact
from passerelle.core.reference.schema import SECTIONS
from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.web.views import SECTION_LABELS

PAGES = ["web:home", "web:fact_list", "web:source_list"]


@pytest.fixture
def binder(db: None) -> dict[str, object]:
    source = make_source(
        key="iom-wmr-2022",
        title_en="World Migration Report 2022",
        title_fr="État de la migration dans le monde 2022",
    )
    migrants = Fact.objects.create(
        key="migrants-international-2020",
        section="global-context",
        title_en="International migrants",
        title_fr="Migrants internationaux",
        value=Decimal("281000000"),
        unit="persons",
        period_en="2020",
        period_fr="2020",
    )
    secret = Fact.objects.create(
        key="protected-figure",
        section="global-context",
        order=1,
        title_en="A protected figure",
        value=Decimal("1050"),
        unit="count",
        classification=Classification.PROTECTED_B,
    )
    Citation.objects.create(source=source, cited=migrants)
    Citation.objects.create(source=source, cited=secret)
    return {"source": source, "migrants": migrants, "secret": secret}


def url(name: str, language: str, *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    assert match, "no <html lang>"
    return match.group(1)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_page_answers_in_each_language(viewer_client: Client, binder, name, language):
    response = viewer_client.get(url(name, language))
    assert response.status_code == 200
    assert html_lang(response) == language
    assert re.search(r"<title>.+ — Passerelle</title>", response.content.decode())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_source_detail_lists_what_cites_it(viewer_client, binder, language):
    response = viewer_client.get(url("web:source_detail", language, "iom-wmr-2022"))
    assert response.status_code == 200
    assert html_lang(response) == language
    assert "fact-migrants-international-2020" in response.content.decode()


def test_source_detail_hides_citing_records_above_clearance(unclassified_viewer, binder):
    client = signed_in_client(unclassified_viewer)
    response = client.get(url("web:source_detail", "en", "iom-wmr-2022"))
    assert "A protected figure" not in response.content.decode()


@pytest.mark.parametrize("name", [*PAGES, "web:notice"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(url(name, "en"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_sign_in_through_the_form_then_notice_then_home(db):
    user = make_user(username="ana", password="a long test passphrase")
    client = Client()
    login = url("web:login", "en")
    page = client.get(login)
    assert page.status_code == 200 and 'name="username"' in page.content.decode()
    response = client.post(login, {"username": "ana", "password": "a long test passphrase"})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:notice"))
    notice = client.get(response["Location"])
    assert "Protected B" in notice.content.decode()
    response = client.post(reverse("web:notice"), {"next": reverse("web:home")})
    assert response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    user.refresh_from_db()
    assert user.notice_acknowledged_at is not None


def test_failed_sign_in_shows_the_error_summary(db):
    make_user(username="ana", password="a long test passphrase")
    response = Client().post(url("web:login", "en"), {"username": "ana", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<gcds-error-summary" in content and "error-message=" in content


def test_lockout_after_five_failures(db):
    make_user(username="ana", password="a long test passphrase")
    client = Client()
    login = url("web:login", "en")
    for _attempt in range(5):
        client.post(login, {"username": "ana", "password": "wrong"})
    response = client.post(login, {"username": "ana", "password": "a long test passphrase"})
    assert response.status_code == 429
    assert "Account locked" in response.content.decode()


def test_a_locked_account_does_not_lock_the_address_for_others(db):
    """Behind a proxy every user comes from one address: five failures for one account lock that
    account (from any address), never the others."""
    make_user(username="ana", password="a long test passphrase")
    make_user(username="ben", password="another long passphrase")
    login = url("web:login", "en")
    for _attempt in range(5):
        Client(REMOTE_ADDR="10.0.0.7").post(login, {"username": "ana", "password": "wrong"})
    ben = Client(REMOTE_ADDR="10.0.0.7").post(
        login, {"username": "ben", "password": "another long passphrase"}
    )
    assert ben.status_code == 302, "another user signs in from the same address"
    elsewhere = Client(REMOTE_ADDR="10.9.9.9")
    ana = elsewhere.post(login, {"username": "ana", "password": "a long test passphrase"})
    assert ana.status_code == 429, "the account stays locked from any address"


def test_sign_out_ends_the_server_session(viewer):
    client = signed_in_client(viewer)
    old_key = client.session.session_key
    home = client.get(url("web:home", "en"))
    assert home.status_code == 200 and "Sign out" in home.content.decode()
    response = client.post(url("web:logout", "en"))
    assert response.status_code == 302
    stolen = Client()
    stolen.cookies["sessionid"] = str(old_key)
    assert stolen.get(url("web:home", "en")).status_code == 302


def test_the_notice_is_required_before_any_page(viewer, binder):
    client = signed_in_client(viewer, acknowledged=False)
    for name in PAGES:
        response = client.get(url(name, "en"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:notice"))
    client.post(reverse("web:notice"), {"next": reverse("web:home")})
    assert client.session[NOTICE_SESSION_KEY] is True
    assert client.get(url("web:fact_list", "en")).status_code == 200


@pytest.mark.parametrize(("language", "other"), [("en", "fr"), ("fr", "en")])
def test_language_toggle_points_to_the_same_page(viewer_client, binder, language, other):
    response = viewer_client.get(url("web:fact_list", language))
    assert f'lang-href="{url("web:fact_list", other)}"' in response.content.decode()


def test_marking_shows_protected_b_when_a_protected_fact_is_shown(viewer_client, binder):
    for name in ("web:home", "web:fact_list"):
        content = viewer_client.get(url(name, "en")).content.decode()
        assert "classification-protected-b" in content
        assert content.count("Protected B") >= 2  # top and bottom banners


def test_unclassified_viewer_never_sees_the_protected_fact(unclassified_viewer, binder):
    client = signed_in_client(unclassified_viewer)
    for name in ("web:home", "web:fact_list"):
        content = client.get(url(name, "en")).content.decode()
        assert "A protected figure" not in content
        assert "classification-unclassified" in content
        assert "classification-protected-b" not in content


@pytest.mark.parametrize(
    ("language", "figure", "title"),
    [
        ("en", "281 million", "World Migration Report 2022"),
        ("fr", "281 millions", "État de la migration dans le monde 2022"),
    ],
)
def test_dashboard_figure_with_its_source(viewer_client, binder, language, figure, title):
    content = viewer_client.get(url("web:home", language)).content.decode()
    assert figure in content
    assert title in content


def test_illustrative_data_is_marked(viewer_client, binder):
    assert "Illustrative data" not in viewer_client.get(url("web:home", "en")).content.decode()
    fact = Fact.objects.get(key="migrants-international-2020")
    fact.illustrative = True
    fact.save()  # as the product writes: change-logged (a bare update() is not, core/datacache.py)
    assert "Illustrative data" in viewer_client.get(url("web:home", "en")).content.decode()


def test_navigation_shows_only_what_the_role_permits(viewer_client, analyst_client):
    changes = url("web:change_list", "en")
    assert f'href="{changes}"' not in viewer_client.get(url("web:home", "en")).content.decode()
    assert f'href="{changes}"' in analyst_client.get(url("web:home", "en")).content.decode()


def test_change_log_is_forbidden_without_the_permission(viewer_client):
    response = viewer_client.get(url("web:change_list", "en"))
    assert response.status_code == 403
    assert "not allowed" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_change_log_list_filters_and_detail(analyst_client, binder, language):
    Fact.objects.filter(pk=binder["migrants"].pk).update(title_en="x")  # no signal: no record
    fact = binder["migrants"]
    fact.title_en = "International migrants (stock)"
    fact.save()
    response = analyst_client.get(url("web:change_list", language), {"action": "update"})
    assert response.status_code == 200 and html_lang(response) == language
    content = response.content.decode()
    assert "International migrants (stock)" in content
    match = re.search(rf'href="(/{language}/changes/\d+/)"', content)
    assert match, "no link to a change record"
    record_url = match.group(1)
    detail = analyst_client.get(record_url).content.decode()
    with translation.override(language):
        label = str(Fact._meta.get_field("title_en").verbose_name)
    assert label[:1].upper() + label[1:] in detail and "International migrants (stock)" in detail
    filtered = analyst_client.get(url("web:change_list", language), {"action": "delete"})
    assert "International migrants (stock)" not in filtered.content.decode()


def test_change_records_above_clearance_are_hidden(db, binder):
    analyst = make_user(role="analyst", clearance=Classification.UNCLASSIFIED)
    client = signed_in_client(analyst)
    content = client.get(url("web:change_list", "en")).content.decode()
    assert "International migrants" in content
    assert "A protected figure" not in content


@pytest.mark.parametrize("language", ["en", "fr"])
def test_not_found_page_is_bilingual(viewer_client, language):
    response = viewer_client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "We could not find that page" in content
    assert "Nous n’avons pas trouvé cette page" in content


@pytest.fixture
def french_details(db: None) -> None:
    """A headline figure, its source's edition and a citation's section, in both languages."""
    source = make_source(
        key="unhcr-global-trends-2022",
        title_en="Global Trends: Forced Displacement in 2022",
        title_fr="Tendances mondiales : déplacements forcés en 2022",
        edition_en="2023 (data to the end of 2022)",
        edition_fr="2023 (données jusqu’à la fin de 2022)",
    )
    displaced = Fact.objects.create(
        key="forcibly-displaced-mid-2023",
        section="global-context",
        title_en="Forcibly displaced persons",
        title_fr="Personnes déplacées de force",
        value=Decimal("110000000"),
        unit="persons",
        period_en="mid-2023",
        period_fr="mi-2023",
    )
    mexico = Fact.objects.create(
        key="bilateral-mexico",
        section="bilateral-engagement",
        title_en="Mexico",
        title_fr="Mexique",
    )
    for fact in (displaced, mexico):
        Citation.objects.create(
            source=source,
            cited=fact,
            locator_en="International Bilateral and Regional Engagement",
            locator_fr="Engagement international bilatéral et régional",
        )


def test_french_pages_show_the_period_edition_and_section_in_french(viewer_client, french_details):
    home = viewer_client.get(url("web:home", "fr")).content.decode()
    assert "mi-2023" in home and "mid-2023" not in home
    assert "2023 (données jusqu’à la fin de 2022)" in home
    source = viewer_client.get(url("web:source_detail", "fr", "unhcr-global-trends-2022"))
    content = source.content.decode()
    assert "2023 (données jusqu’à la fin de 2022)" in content
    assert "data to the end of 2022" not in content
    facts = viewer_client.get(url("web:fact_list", "fr")).content.decode()
    assert "Engagement bilatéral et régional</gcds-heading>" in facts
    assert "Bilateral and regional engagement" not in facts
    assert "Bilateral engagement" not in facts
    assert "Engagement international bilatéral et régional" in facts
    assert "International Bilateral and Regional Engagement" not in facts
    assert "· mi-2023" in facts and "· mid-2023" not in facts  # the key says mid-2023


def test_english_pages_keep_the_english(viewer_client, french_details):
    home = viewer_client.get(url("web:home", "en")).content.decode()
    assert "mid-2023" in home and "mi-2023" not in home
    facts = viewer_client.get(url("web:fact_list", "en")).content.decode()
    assert "Bilateral and regional engagement</gcds-heading>" in facts
    assert "International Bilateral and Regional Engagement" in facts


def test_every_section_of_the_binder_has_its_heading():
    assert set(SECTION_LABELS) == set(SECTIONS)
