"""Sign in, acknowledge the notice, switch language, visit every page in both languages with
axe-core (WCAG 2.1 A/AA), and fail on any request that leaves 127.0.0.1."""

from __future__ import annotations

import zlib
from collections import deque
from typing import Any
from urllib.parse import parse_qs, urldefrag, urlparse

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from passerelle.core.classification import Classification
from passerelle.core.snapshot import Snapshot, restore
from passerelle.core.testing import make_user
from passerelle.web.tests.browser.conftest import AXE

PASSWORD = "a long browser-test passphrase"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Pages of the same route are alike: one of each is enough.
VISITS_PER_ROUTE = 1
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


@pytest.fixture
def page(browser: Any, site: dict[str, Any]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
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
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
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


def axe_checks(route: str, language: str) -> bool:
    """Whether this language's crawl runs axe on the route: each route in one of the two
    languages, alternating by a stable hash (the two crawls reach the same routes; a route's
    template is the same in both). Every page of both crawls is still checked for its `lang`,
    its Content-Security-Policy and its status — the axe run is half of the browser leg's time,
    which had outgrown the CI budget."""
    return zlib.crc32(route.encode()) % 2 == (0 if language == "en" else 1)


def crawl(page: Any, base: str, start: str) -> dict[str, list[str]]:
    """Visit every page reachable from `start`, a few per route; return axe violations by page
    (axe on the routes `axe_checks` gives this language)."""
    seen: set[str] = set()
    per_route: dict[str, int] = {}
    queue = deque([start])
    problems: dict[str, list[str]] = {}
    language = start.split("/")[1]
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:  # an attachment (a calendar feed, a file): fetch it once
            if "Download is starting" not in str(error):
                raise
            assert page.request.get(base + path).ok, f"{path} failed"
            continue
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a download (map.svg, CSV): its page links to it, axe checks the page
        # The GC Design System's components are defined by then (a module script, run before
        # the load event); waiting for the network to idle besides cost half a second a page.
        page.wait_for_function("() => customElements.get('gcds-header') !== undefined")
        assert page.locator("html").get_attribute("lang") == language, f"{path}: wrong lang"
        refused = [f"Content-Security-Policy: {v}" for v in csp_violations(page)]
        here = urlparse(path).path
        violations = (
            axe_violations(page) if axe_checks(route_of(here, language) or here, language) else []
        )
        if violations or refused:
            problems[path] = refused + [
                f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                for v in violations
            ]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            parsed = urlparse(href)
            if parsed.hostname not in {"127.0.0.1", "localhost"}:
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if not parsed.path.startswith(f"/{language}/") or parsed.path.startswith(
                SKIPPED_PREFIXES
            ):
                continue
            if parsed.path.endswith(("/sign-out/", "/notice/")) or target in seen:
                continue
            if FILE_FORMATS & set(parse_qs(parsed.query).get("format", [])) or parsed.path.endswith(
                ("/download/", ".ics")
            ):
                continue  # a document (a brief's or binder's PDF/DOCX): not a page for axe
            if "format=csv" in parsed.query:
                # A download: Chromium does not open it as a page, so fetch it once.
                seen.add(target)
                assert page.request.get(base + target).ok, f"{target} failed"
                continue
            route = route_of(parsed.path, language) or parsed.path
            if per_route.get(route, 0) < VISITS_PER_ROUTE:
                per_route[route] = per_route.get(route, 0) + 1
                queue.append(target)
    assert len(seen) > 3, f"the crawl found too few pages: {sorted(seen)}"
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
    base = full_site["url"]
    sign_in(page, base, language)
    problems = crawl(page, base, f"/{language}/")
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
