"""Search as a person uses it: typing shows suggestions, the arrow keys and Enter choose one, the
results are grouped by kind with their filters, Escape closes the list, the form works without
JavaScript, and axe finds no WCAG 2.1 A/AA violation with the list open or on the results."""

# The live site and its page are test_pages.py's fixtures, imported: their names are the tests'
# arguments, which ruff would take for redefinitions.
# ruff: noqa: F811

from __future__ import annotations

from typing import Any

from passerelle.core.classification import Classification
from passerelle.engagements.tests.factories import make_engagement, make_irritant
from passerelle.web.tests.browser.conftest import AXE
from passerelle.web.tests.browser.test_pages import (  # noqa: F401  (fixtures)
    CSP_WATCH,
    axe_violations,
    csp_violations,
    page,
    sign_in,
    site,
)


def _records() -> dict[str, Any]:
    engagement = make_engagement(
        title_en="Havana consultations on labour mobility",
        title_fr="Consultations de La Havane sur la mobilité de la main-d’œuvre",
    )
    make_irritant(title_en="Havana visa delays", title_fr="Retards de visas à La Havane")
    make_engagement(
        title_en="Havana protected talks",
        title_fr="Entretiens protégés de La Havane",
        classification=Classification.PROTECTED_B,
    )
    return {"engagement": engagement}


def type_and_wait(page: Any, text: str) -> Any:
    """Type into the search box as a person does; the suggestions shown (or, if none shows,
    what the suggestion requests answered, for the failure's message)."""
    answers: list[Any] = []
    page.on("response", lambda r: answers.append((r.url, r.status)) if "/suggest/" in r.url else 0)
    # The GC Design System's components hydrate after the load event; typing before they have
    # may lose the focus (seen: keys typed into nothing, no request sent).
    page.wait_for_function(
        "() => window.htmx !== undefined && [...document.querySelectorAll('*')]"
        ".filter(e => e.localName.startsWith('gcds-')).every(e => e.classList.contains('hydrated'))"
    )
    page.locator("#id_q").click()
    page.locator("#id_q").press_sequentially(text, delay=40)
    options = page.locator("#search-suggestions [role=option]")
    try:
        options.first.wait_for(state="visible", timeout=10000)
    except Exception:
        html = page.locator("#search-suggestions").evaluate("e => e.outerHTML")[:300]
        focused = page.evaluate("() => document.activeElement && document.activeElement.id")
        raise AssertionError(f"no suggestion shown: {answers} {html} focus={focused}") from None
    return options


def _no_violations(page: Any) -> None:
    assert csp_violations(page) == []
    violations = axe_violations(page)
    assert not violations, [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    ]


def test_typing_suggests_the_keyboard_chooses_and_results_are_grouped(page, site):
    records = _records()
    base = site["url"]
    sign_in(page, base)
    page.goto(f"{base}/en/search/")
    box = page.locator("#id_q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    options = type_and_wait(page, "havan")
    assert box.get_attribute("aria-expanded") == "true"
    titles = options.locator(".search-box__title").all_inner_texts()
    assert "Havana consultations on labour mobility" in titles
    assert "Havana visa delays" in titles
    assert page.locator("#search-suggestions-status").inner_text() == f"{len(titles)} suggestions."
    _no_violations(page)  # with the list open

    # The arrow keys move through the options, focus staying in the box; Escape closes.
    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#search-suggestions").is_hidden()
    assert page.evaluate("() => document.activeElement.id") == "id_q"

    # Down again, to the engagement, and Enter opens it.
    target = titles.index("Havana consultations on labour mobility")
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    assert options.nth(target).get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/en/engagements/{records['engagement'].pk}/"

    # Enter with no option chosen searches: the results, grouped by kind, with their filters.
    page.goto(f"{base}/en/search/")
    page.locator("#id_q").fill("havana")
    with page.expect_navigation():
        page.locator("#id_q").press("Enter")
    assert "q=havana" in page.url
    headings = page.locator("main gcds-heading[tag=h2]").all_inner_texts()
    assert headings == ["Engagements (2)", "Irritants (1)"]
    filters = page.locator("nav.search-filters a").all_inner_texts()
    assert filters == ["All kinds (3)", "Engagements (2)", "Irritants (1)"]
    _no_violations(page)
    page.locator("nav.search-filters a", has_text="Irritants").click()
    page.wait_for_load_state()
    assert page.locator("main gcds-heading[tag=h2]").all_inner_texts() == ["Irritants (1)"]


def test_suggestions_in_french_and_the_form_without_javascript(browser, site):
    _records()
    base = site["url"]
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.add_init_script(path=str(AXE))
    context.add_init_script(script=CSP_WATCH)
    page = context.new_page()
    sign_in(page, base, "fr")
    page.goto(f"{base}/fr/search/")
    options = type_and_wait(page, "havane")
    titles = options.locator(".search-box__title").all_inner_texts()
    assert "Consultations de La Havane sur la mobilité de la main-d’œuvre" in titles
    _no_violations(page)
    signed_in = context.storage_state()
    context.close()

    # Without JavaScript (the same session): no suggestions, and the form still searches.
    plain = browser.new_context(java_script_enabled=False, storage_state=signed_in)
    page = plain.new_page()
    page.goto(f"{base}/en/search/")
    page.locator("#id_q").fill("havana")
    with page.expect_navigation():
        page.locator("#id_q").press("Enter")
    assert "q=havana" in page.url
    assert "Havana visa delays" in page.content()
    assert page.locator("#search-suggestions [role=option]").count() == 0
    plain.close()


def test_the_reference_facts_page_has_contents_and_a_link_per_fact(page, site):
    from passerelle.core.models import Fact

    Fact.objects.create(key="migrants-2020", section="global-context", title_en="Migrants")
    Fact.objects.create(key="area-office-x", section="network", title_en="An area office")
    base = site["url"]
    sign_in(page, base)
    page.goto(f"{base}/en/facts/")
    contents = page.locator("nav.contents a").all_inner_texts()
    assert contents == [
        "Context",
        "Global context",
        "Annex – Map of IRCC Missions and Biometric Points of Service",
        "IRCC’s international network",
    ]
    _no_violations(page)
    page.locator("nav.contents a", has_text="IRCC’s international network").click()
    assert page.url.endswith("/en/facts/#section-network")
    page.locator("#fact-area-office-x a", has_text="Link to this fact").click()
    assert page.url.endswith("/en/facts/#fact-area-office-x")
