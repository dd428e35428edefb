"""The application shell: favicon, the bilingual error pages (414 under gunicorn too), the API
docs in the product's shell, the help pages and the problem report, the folded name sort."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client

from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.models import Country

LONG = "/en/" + "x" * 5_000


@pytest.mark.parametrize("path", ["/en/sign-in/", "/fr/help/"])
def test_every_page_names_the_favicon_and_it_is_served(client, db, path):
    content = client.get(path).content.decode()
    [href] = re.findall(r'<link rel="icon" href="(/static/web/favicon[^"]*\.svg)"', content)
    icon = client.get(href)
    assert icon.status_code == 200 and icon["Content-Type"] == "image/svg+xml"
    assert "<svg" in Path(str(finders.find("web/favicon.svg"))).read_text()


@pytest.mark.parametrize(("path", "first"), [(LONG, "en"), ("/fr/" + "x" * 5_000, "fr")])
def test_an_address_too_long_gets_the_bilingual_414_page(client, db, path, first):
    response = client.get(path)
    assert response.status_code == 414
    content = response.content.decode()
    assert f'<html lang="{first}">' in content
    assert "<gcds-header" in content and "<gcds-footer" in content
    assert "The address is too long" in content
    assert "L’adresse est trop longue" in content
    # the language the address asked for comes first
    english, french = content.index("The address is too long"), content.index("L’adresse")
    assert (english < french) == (first == "en")
    assert 'lang="fr"' in content and 'lang="en"' in content


def test_an_address_just_under_the_limit_is_served(client, db):
    path = "/en/sign-in/?next=" + "x" * (settings.MAX_URL_LENGTH - 30)
    assert client.get(path).status_code == 200


def test_the_server_error_page_is_bilingual_in_the_gc_shell():
    content = render_to_string("500.html")
    assert "<gcds-header" in content and "<gcds-footer" in content
    assert "Something went wrong on our side" in content
    assert '<section lang="fr"' in content and "Un problème est survenu" in content
    assert "Unclassified" in content


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_not_found_page_is_in_the_gc_shell(client, db, language):
    content = client.get(f"/{language}/no-such-page/").content.decode()
    assert f'<html lang="{language}">' in content
    assert "<gcds-header" in content and "<gcds-footer" in content


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.each_database  # the server process serves on the configured database
@pytest.mark.parametrize("with_config", [True, False])
def test_gunicorn_serves_the_product_414_page_with_make_runs_config(tmp_path, with_config):
    """`make run` serves with gunicorn.conf.py: a long address reaches Passerelle, which answers
    with its own page. Without that file gunicorn answers itself, in bare English."""
    port = _free_port()
    # Run from elsewhere: gunicorn reads ./gunicorn.conf.py by itself.
    config = ["--config", str(settings.PROJECT_DIR / "gunicorn.conf.py")] if with_config else []
    config += ["--pythonpath", str(settings.PROJECT_DIR)]
    env = {
        **os.environ,
        "PASSERELLE_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "test",
        "DEBUG": "true",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "passerelle.wsgi",
            *config,
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            try:
                status, body = _get(f"http://127.0.0.1:{port}{LONG}")
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
    finally:
        server.terminate()
        server.wait(timeout=10)
    if with_config:
        assert status == 414
        assert "The address is too long" in body and "L’adresse est trop longue" in body
    else:
        assert status == 414 and "URI Too Long" in body  # gunicorn's own page
        assert "The address is too long" not in body and "gcds-header" not in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_api_docs_page_is_in_the_product_shell(viewer_client, language):
    response = viewer_client.get(f"/{language}/api/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert "<gcds-header" in content and "<gcds-footer" in content
    assert 'class="classification-banner' in content
    assert 'id="swagger-ui"' in content
    assert viewer_client.get(f"/{language}/api/?script").status_code == 200


def test_the_old_api_docs_address_leads_to_the_page_in_the_readers_language(viewer_client):
    assert viewer_client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="fr").url == "/fr/api/"


HELP_PAGES = ["help", "help/contact", "help/accessibility"]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page", HELP_PAGES)
def test_help_pages_answer_before_sign_in_in_each_language(client, db, language, page):
    response = client.get(f"/{language}/{page}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_footer_links_help_contact_report_and_accessibility(client, db, language):
    content = client.get(f"/{language}/sign-in/").content.decode()
    for page in ["help/", "help/contact/", "help/report-a-problem/", "help/accessibility/"]:
        assert f"/{language}/{page}" in content


def test_reporting_a_problem_needs_a_signed_in_user(client, db):
    response = client.get("/en/help/report-a-problem/")
    assert response.status_code == 302 and "/sign-in/" in response.url


@pytest.fixture
def reporter(db: None) -> Client:
    return signed_in_client(make_user(username="reporter", role="viewer", email="r@example.gc.ca"))


def test_a_problem_report_is_emailed_to_the_service_desk_without_the_address_query(reporter):
    page = reporter.get(
        "/en/help/report-a-problem/",
        HTTP_REFERER="http://testserver/en/geo/MEX/?q=secret-term",
    ).content.decode()
    assert 'value="/en/geo/MEX/"' in page and "secret-term" not in page
    response = reporter.post(
        "/en/help/report-a-problem/",
        {"page": "/en/geo/MEX/?q=secret-term#x", "what_happened": "The map is empty."},
    )
    assert response.status_code == 302 and response.url.endswith("?sent=1")
    [message] = mail.outbox
    assert message.to == [settings.SUPPORT_EMAIL]
    assert "The map is empty." in message.body
    assert "Page: /en/geo/MEX/\n" in message.body and "secret-term" not in message.body
    assert "reporter" in message.body
    thanks = reporter.get(response.url).content.decode()
    assert "your report was sent" in thanks and "The map is empty." not in thanks


def test_an_empty_problem_report_is_refused_with_the_error_summary(reporter):
    response = reporter.post("/en/help/report-a-problem/", {"page": "", "what_happened": ""})
    assert response.status_code == 200
    assert "<gcds-error-summary" in response.content.decode()
    assert not mail.outbox


def test_a_problem_report_without_the_csrf_token_is_refused(db):
    client = signed_in_client(make_user(username="csrf-reporter", role="viewer"))
    client.handler.enforce_csrf_checks = True
    response = client.post("/en/help/report-a-problem/", {"what_happened": "x"})
    assert response.status_code == 403
    assert not mail.outbox


@pytest.mark.parametrize(("language", "field"), [("en", "name_en"), ("fr", "name_fr")])
def test_countries_sorted_by_name_read_alphabetically_in_the_readers_language(
    viewer_client, language, field
):
    Country.objects.all().delete()
    for number, (code, en, fr) in enumerate(
        [
            ("ZWE", "Zimbabwe", "Zimbabwe"),
            ("ALA", "Åland Islands", "Îles Åland"),
            ("ISL", "Iceland", "Islande"),
            ("AFG", "Afghanistan", "Afghanistan"),
            ("ALB", "Albania", "Albanie"),
        ]
    ):
        Country.objects.create(
            iso_alpha3=code, iso_alpha2=code[1:], iso_numeric=f"{number:03}", name_en=en, name_fr=fr
        )
    expected = {
        "en": ["Afghanistan", "Åland Islands", "Albania", "Iceland", "Zimbabwe"],
        "fr": ["Afghanistan", "Albanie", "Îles Åland", "Islande", "Zimbabwe"],
    }[language]
    for sort, order in [("name", expected), ("-name", expected[::-1])]:
        content = viewer_client.get(f"/{language}/geo/?sort={sort}").content.decode()
        names = [getattr(country, field) for country in Country.objects.all()]
        assert sorted(names, key=lambda name: content.index(f">{name}</a>")) == order
