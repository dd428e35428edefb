"""Sign in, acknowledge the notice, switch language, visit every page in both languages with
axe-core (WCAG 2.1 A/AA), and fail on any request that leaves 127.0.0.1."""

from __future__ import annotations

import zlib
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urldefrag, urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.snapshot import Snapshot, restore
from passerelle.core.testing import make_user, signed_in_client
from passerelle.web.tests.browser.conftest import AXE

PASSWORD = "a long browser-test passphrase"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Documents, not pages: the leak test reads them (core/tests/test_leaks.py); building a binder's
# PDF for the crawl cost more than the pages around it.
FILE_FORMATS = {"pdf", "docx", "md"}
# Not crawled: signing out ends the session; Django's admin is a library's own interface,
# reached by administrators only, and not part of the GC Design System product.
SKIPPED_PREFIXES = ("/en/admin/", "/fr/admin/", "/api/", "/static/")


@pytest.fixture
def site(transactional_db: None, live_server: Any, settings: Any) -> dict[str, Any]:
    """The live server with a signed-up administrator and no data."""
    # The live server serves static files from the apps' folders under their own names, not the
    # hashed names of the collected manifest that production uses.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    user = make_user(
        username="browser",
        password=PASSWORD,
        role="administrator",
        clearance=Classification.PROTECTED_B,
    )
    return {"url": live_server.url, "user": user}


@pytest.fixture
def full_site(site: dict[str, Any], _reference_snapshot: Snapshot) -> dict[str, Any]:
    """The live server with the reference data and a little activity, for the crawl. The data
    is what `passerelle load-reference` writes, restored from the session's snapshot (about 8 s
    a test less; passerelle/conftest.py); the loader's own tests load for real."""
    restore(_reference_snapshot)
    _a_little_activity()
    return site


# The static files are the same for every page: fetched from the live server once per worker,
# then served from here (a browser in production keeps them: WhiteNoise marks them immutable,
# while the live server's static handler makes the browser ask again on every page).
STATIC_FILES: dict[str, dict[str, Any]] = {}


def _static_file(route: Any) -> dict[str, Any]:
    url = route.request.url
    if url not in STATIC_FILES:
        fetched = route.fetch()
        STATIC_FILES[url] = {
            "status": fetched.status,
            "headers": fetched.headers,
            "body": fetched.body(),
        }
    return STATIC_FILES[url]


@pytest.fixture
def page(browser: Any, site: dict[str, Any]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = urlparse(route.request.url)
        local = url.hostname in {"127.0.0.1", "localhost"}
        if local and url.path.startswith(settings.STATIC_URL):
            route.fulfill(**_static_file(route))
        elif local or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    # axe-core comes with every page through the DevTools protocol, which the pages'
    # Content-Security-Policy does not govern (an inline <script> of it would be refused).
    context.add_init_script(path=str(AXE))
    context.add_init_script(script=CSP_WATCH)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()
    assert not outside, f"pages requested addresses outside 127.0.0.1: {sorted(set(outside))}"


# Every page records what its Content-Security-Policy refuses (the browser's
# securitypolicyviolation event), for csp_violations() to read.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(
  `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ` +
  `${event.sourceFile}:${event.lineNumber}`));
"""


def csp_violations(page: Any) -> list[str]:
    """What the page's Content-Security-Policy refused since it loaded (its pending tasks run
    first). Read before axe runs: axe inserts style sheets of its own, which are refused too."""
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    return list(page.evaluate("() => window.__cspViolations"))


def sign_in(page: Any, base: str, language: str = "en") -> None:
    page.goto(f"{base}/{language}/")
    page.fill("input[name=username]", "browser")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit], form gcds-button[type=submit]").first.click()
    page.wait_for_url("**/notice/**")
    page.locator(
        "form[action*=notice] [type=submit], main form gcds-button[type=submit]"
    ).first.click()
    page.wait_for_load_state("networkidle")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    result = page.evaluate(
        # Only the violations are gathered in full (the passes' details cost a third of the run).
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def route_of(path: str, language: str) -> str | None:
    """The route's name; pages under /fr/ resolve only with French active (i18n_patterns)."""
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _a_little_activity() -> None:
    """An irritant, a follow-up and a commitment on the binder's Mexico engagement, so the
    irritant, follow-up and commitment pages have something to show."""
    from passerelle.engagements.models import Engagement
    from passerelle.engagements.tests.factories import (
        make_commitment,
        make_follow_up,
        make_irritant,
    )
    from passerelle.geo.models import Country

    mexico = Country.objects.get(iso_alpha3="MEX")
    engagement = Engagement.objects.filter(countries=mexico).earliest("pk")
    irritant = make_irritant(country=mexico)
    irritant.engagements.add(engagement)
    make_follow_up(engagement=engagement)
    make_commitment(country=mexico, engagement=engagement)


def language_of(route: str) -> str:
    """The language a route's page is visited in: each route once, in English or in French,
    alternating by a stable hash (a route's template is the same in both; the page tests check
    both languages of every page: web/tests/test_pages.py and the declared pages' tests)."""
    return "en" if zlib.crc32(route.encode()) % 2 == 0 else "fr"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <a>, and the GC Design System's links (gcds-link, gcds-nav-link, gcds-button…),
        # which render their <a> in their shadow root; not the style sheets' <link>.
        href = dict(attrs).get("href")
        if tag != "link" and href:
            self.found.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.found


def _followed(href: str) -> bool:
    """Whether the crawl follows a link: the product's own pages, not documents or downloads."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or not parsed.path.startswith(("/en/", "/fr/")):
        return False  # outside the site (the page's guard fails on any request that leaves it)
    if parsed.path.startswith(SKIPPED_PREFIXES) or parsed.path.endswith(("/sign-out/", "/notice/")):
        return False
    # A document (a brief's or binder's PDF/DOCX, the calendar feed): not a page for axe.
    formats = set(parse_qs(parsed.query).get("format", []))
    return not (FILE_FORMATS & formats or parsed.path.endswith(("/download/", ".ics")))


def addresses(client: Client) -> dict[str, str]:
    """One address of every route reachable from the home pages (pages of a route are alike),
    by route, in the route's own language (language_of), found with Django's test client:
    reading a page's links needs no browser, and the browser then opens each route once. Every
    address answers; downloads (CSV, the map's SVG) are fetched here and not opened in the
    browser."""
    found: dict[str, str] = {}
    pages: set[str] = set()
    queue = deque(["/en/", "/fr/"])
    while queue:
        address = queue.popleft()
        response = client.get(address, follow=True)
        assert response.status_code == 200, f"{address} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages.add(address)
        language = address.split("/")[1]
        for href in links(response.content.decode()):
            href = urldefrag(href).url
            if not _followed(href):
                continue
            parsed = urlparse(href)
            route = route_of(parsed.path, language) or parsed.path
            # A download of a list (?format=csv) is fetched apart from the list's page.
            key = route + "".join(f" {f}" for f in parse_qs(parsed.query).get("format", []))
            if key in found:
                continue
            with translation.override(language):
                found[key] = translate_url(href, language_of(route))
            queue.append(found[key])
    assert len(pages) > 3, f"the crawl found too few pages: {sorted(pages)}"
    return {route: address for route, address in found.items() if address in pages}


def visit(page: Any, base: str, paths: list[str], language: str) -> dict[str, list[str]]:
    """Open each page in the browser: its `lang`, what its Content-Security-Policy refused and
    its axe violations, by page."""
    problems: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        # The GC Design System's components are defined by then (a module script, run before
        # the load event); waiting for the network to idle besides cost half a second a page.
        page.wait_for_function("() => customElements.get('gcds-header') !== undefined")
        assert page.locator("html").get_attribute("lang") == language, f"{path}: wrong lang"
        refused = [f"Content-Security-Policy: {v}" for v in csp_violations(page)]
        violations = axe_violations(page)
        if violations or refused:
            problems[path] = refused + [
                f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                for v in violations
            ]
    return problems


def test_sign_in_acknowledge_and_switch_language(page, site):
    base = site["url"]
    sign_in(page, base)
    assert page.url.rstrip("/").endswith("/en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert csp_violations(page) == []
    # GCDS renders the toggle as an <a> inside gcds-lang-toggle's shadow root, its text slotted.
    page.locator("gcds-lang-toggle a[href^='/fr/'], a[lang=fr][href^='/fr/']").first.click()
    page.wait_for_load_state("networkidle")
    assert "/fr/" in page.url
    assert page.locator("html").get_attribute("lang") == "fr"
    assert csp_violations(page) == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_passes_axe(page, full_site, language):
    """Every route's page, once, in its language (half the routes in each of the two tests):
    axe-core, the Content-Security-Policy, `lang`, and no request leaving the machine."""
    base = full_site["url"]
    found = addresses(signed_in_client(full_site["user"]))
    mine = sorted(a for a in found.values() if a.startswith(f"/{language}/"))
    assert len(mine) > len(found) / 4, f"too few {language} pages: {mine}"
    sign_in(page, base, language)
    problems = visit(page, base, mine, language)
    assert not problems, "WCAG 2.1 A/AA violations:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(items) for path, items in problems.items()
    )


def test_the_guard_catches_a_request_outside_the_machine(page, site):
    """The outside-request check itself works: a page that loads an outside image is caught
    (a blank page: the product's own pages have a Content-Security-Policy that refuses it)."""
    page.set_content('<img src="https://fonts.example.org/x.png" alt="">')
    page.wait_for_load_state("networkidle")
    assert page.outside_requests == ["https://fonts.example.org/x.png"]
    page.outside_requests.clear()  # caught on purpose: the fixture's own check passes


def test_the_pages_send_a_content_security_policy_that_refuses_inline_code(page, site):
    """The console check itself works: an inline script and style attribute on a product page
    are refused, and reported."""
    sign_in(page, site["url"])
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';
        document.body.append(s); document.body.insertAdjacentHTML('beforeend',
        '<p style="color: red">x</p>'); }"""
    )
    assert page.evaluate("() => window.x") is None, "the inline script did not run"
    refused = csp_violations(page)
    assert any(v.startswith("script-src-elem refused inline") for v in refused), refused
    assert any(v.startswith("style-src-attr refused inline") for v in refused), refused
