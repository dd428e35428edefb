"""The headers every answer carries (settings.py, core/security.py): a nonce-based
Content-Security-Policy, a Permissions-Policy, and `Cache-Control: no-store, private` on
everything a signed-in user receives (pages, CSV, PDF, DOCX, API answers). The browser tests
check that no page breaks the policy (web/tests/browser)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from passerelle.core.charts import inline_svg, pyplot
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def directives(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def viewer_client(reference_data: None) -> Client:
    return signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))


def test_pages_refuse_inline_code_without_the_requests_nonce(viewer_client: Client) -> None:
    response = viewer_client.get("/en/operations/")  # a page with an inline style sheet
    policy = directives(response)
    [nonce] = [s for s in policy["style-src"] if s.startswith("'nonce-")]
    assert policy["script-src"][:2] == ["'self'", nonce]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert "style-src-attr" not in policy
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == policy["base-uri"] == policy["frame-ancestors"] == ["'none'"]
    styles = re.findall(r"<style([^>]*)>", response.content.decode())
    assert styles and all(f'nonce="{nonce[7:-1]}"' in attributes for attributes in styles)
    again = directives(viewer_client.get("/en/engagements/"))["style-src"]
    assert nonce not in again, "a new nonce for every answer"


def test_no_page_template_carries_inline_script_or_style_attributes() -> None:
    from django.conf import settings

    offending = []
    for template in sorted(settings.BASE_DIR.glob("*/templates/**/*.html")):
        text = template.read_text()
        for attribute in re.findall(r"<[a-z][^>]*\s(style|on[a-z]+)=", text):
            offending.append(f"{template.relative_to(settings.BASE_DIR)}: {attribute}=")
        for tag in re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", text):
            offending.append(f"{template.relative_to(settings.BASE_DIR)}: {tag}")
    assert offending == []


def test_charts_draw_with_attributes_not_inline_styles() -> None:
    figure, axes = pyplot().subplots(figsize=(3, 2))
    axes.plot([1, 2, 3], [3, 1, 2], linestyle="--")
    axes.bar([1, 2], [1, 2], alpha=0.5)
    axes.set_title("Réfugiés")
    svg = inline_svg(figure, title="A chart")
    assert "style=" not in svg and "<style" not in svg
    assert 'stroke-dasharray="' in svg and 'font-size="' in svg and 'opacity="0.5"' in svg
    assert svg.startswith('<svg role="img"') and 'stroke-linejoin="round"' in svg[:300]


def test_the_permissions_policy_denies_the_browsers_powerful_features(db: None) -> None:
    policy = Client().get("/en/sign-in/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize(
    "address",
    [
        "/en/",
        "/en/geo/?format=csv",
        "/en/briefs/country/MEX/?format=pdf&lang=en",
        "/en/briefs/country/MEX/?format=docx&lang=fr",
        "/api/v1/geo/countries/",
    ],
)
def test_nothing_a_signed_in_user_receives_is_stored(viewer_client: Client, address: str) -> None:
    response = viewer_client.get(address)
    assert response.status_code == 200, address
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache
    assert "public" not in cache


def test_an_api_answer_to_a_token_is_not_stored(reference_data: None) -> None:
    analyst = make_user(role="analyst", clearance=Classification.PROTECTED_B)
    out = io.StringIO()
    call_command("issue-token", analyst.username, stdout=out)
    response = Client().get(
        "/api/v1/geo/countries/MEX/", HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}"
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_anonymous_health_check_is_left_alone(db: None) -> None:
    assert "Cache-Control" not in Client().get("/healthz")


def test_the_briefs_country_picker_works_without_a_script(viewer_client: Client) -> None:
    response = viewer_client.get("/en/briefs/country/", {"subject": "MEX"})
    assert response.status_code == 302
    assert response["Location"] == "/en/briefs/country/MEX/"
