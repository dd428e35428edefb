"""The shell as a person sees it: every page fits a phone 390 px wide (tables scroll inside their
own box), the page lines up with the header, the favicon, the error pages and the API docs in the
GC shell, with zero axe violations."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.core.views.routes import record_url
from passerelle.web.tests.browser import test_pages
from passerelle.web.tests.browser.test_pages import axe_violations, sign_in

# The crawl's fixtures: the live server, with the reference data, and a guarded browser page.
site = test_pages.site
full_site = test_pages.full_site
page = test_pages.page

PHONE = {"width": 390, "height": 844}


def _engagement_path() -> str:
    from passerelle.engagements.models import Engagement

    return str(record_url(Engagement.objects.earliest("pk")))


def _representative_pages(language: str) -> list[str]:
    """Home, lists, a detail, a country page, search, forms, the help pages, the API docs."""
    return [
        f"/{language}/",
        f"/{language}/engagements/",
        f"/{language}/engagements/list/",
        _engagement_path().replace("/en/", f"/{language}/", 1),
        f"/{language}/geo/",
        f"/{language}/geo/MEX/",
        f"/{language}/search/?q=Mexico",
        f"/{language}/engagements/add/",
        f"/{language}/operations/",
        f"/{language}/help/report-a-problem/",
        f"/{language}/api/",
    ]


def _wait_for_components(page: Any) -> None:
    page.wait_for_function("() => customElements.get('gcds-header') !== undefined")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_fit_a_phone_390_px_wide(page, full_site, language):
    base = full_site["url"]
    page.set_viewport_size(PHONE)
    sign_in(page, base, language)
    problems = {}
    for path in _representative_pages(language):
        response = page.goto(base + path)
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        _wait_for_components(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        found = [f"the page is {width} px wide"] if width > PHONE["width"] else []
        found += [v["id"] for v in axe_violations(page)]
        if found:
            problems[path] = found
    assert not problems, problems


def test_a_wide_table_scrolls_in_its_own_box_reachable_by_keyboard(page, full_site):
    base = full_site["url"]
    page.set_viewport_size(PHONE)
    sign_in(page, base)
    page.goto(base + "/en/geo/")
    _wait_for_components(page)
    box = page.locator(".table-scroll").first
    page.wait_for_function("() => document.querySelector('.table-scroll[tabindex]') !== null")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the table fits: no test"
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    caption = page.locator(".table-scroll caption").first.text_content()
    assert "Countries and territories" in caption


def _left(page: Any, script: str) -> float:
    return float(page.evaluate(script))


HEADER_LEFT = """() => document.querySelector('gcds-header').shadowRoot
  .querySelector('.brand__signature').getBoundingClientRect().x"""


def test_the_sign_in_form_and_the_side_navigation_line_up_with_the_header(page, site):
    base = site["url"]
    page.goto(base + "/en/sign-in/")
    _wait_for_components(page)
    header = _left(page, HEADER_LEFT)
    assert header > 20, "at 1280 px the header's content is inset"
    form = _left(page, "() => document.querySelector('main form').getBoundingClientRect().x")
    assert abs(form - header) <= 2, (form, header)
    sign_in(page, base)
    _wait_for_components(page)
    nav = _left(page, "() => document.querySelector('gcds-side-nav').getBoundingClientRect().x")
    assert abs(nav - _left(page, HEADER_LEFT)) <= 2, nav
    menu = _left(page, "() => document.querySelector('.user-menu__who').getBoundingClientRect().x")
    assert abs(menu - _left(page, HEADER_LEFT)) <= 2, menu


def test_the_favicon_is_named_and_served(page, site):
    base = site["url"]
    page.goto(base + "/en/sign-in/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    icon = page.request.get(base + href)
    assert icon.ok and icon.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize(
    ("path", "status", "language"),
    [("/fr/no-such-page/", 404, "fr"), ("/en/no-such-page/", 404, "en")],
)
def test_error_pages_are_bilingual_in_the_gc_shell(page, site, path, status, language):
    response = page.goto(site["url"] + path)
    assert response is not None and response.status == status
    _wait_for_components(page)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("gcds-header").count() == 1 and page.locator("gcds-footer").count() == 1
    other = "en" if language == "fr" else "fr"
    assert page.locator(f"main [lang={other}]").count() >= 1, "the other language is missing"
    assert axe_violations(page) == []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_the_api_docs_page_has_the_shell_and_passes_axe(page, site):
    base = site["url"]
    sign_in(page, base, "fr")
    page.goto(base + "/fr/api/")
    page.wait_for_selector("#swagger-ui .opblock")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("gcds-header").count() == 1
    assert page.locator(".classification-banner").count() == 2
    assert page.locator("#swagger-ui").get_attribute("lang") == "en"
    assert axe_violations(page) == []
