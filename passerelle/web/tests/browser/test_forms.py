"""Forms as a person uses them: an import page submitted once with the kind it shows, and what
was typed kept across the language toggle. Each page is checked with axe-core too."""

from __future__ import annotations

from pathlib import Path

from passerelle.geo.tests.factories import make_country
from passerelle.network.models import Office
from passerelle.web.tests.browser import test_pages
from passerelle.web.tests.browser.test_pages import axe_violations, sign_in

# The crawl's fixtures: the live server with a signed-up administrator, and a guarded page.
site = test_pages.site
page = test_pages.page

OFFICES_CSV = (
    "code,name_en,name_fr,kind,city_en,city_fr,country,latitude,longitude\n"
    "havana,Visa office,Bureau des visas,visa_office,Havana,La Havane,CUB,23.1,-82.4\n"
)


def test_an_import_page_accepts_its_first_submit_with_the_kind_it_shows(page, site, tmp_path):
    """The select opens on a kind and that kind is what the form sends: choosing only the file
    and pressing Import once imports it (it was refused with "Choose an option to continue.")."""
    make_country(iso_alpha3="CUB", iso_alpha2="CU")
    csv = Path(tmp_path) / "offices.csv"
    csv.write_text(OFFICES_CSV, encoding="utf-8")
    sign_in(page, site["url"])
    page.goto(f"{site['url']}/en/network/import/")
    page.wait_for_function(
        "() => document.querySelector('gcds-select').shadowRoot?.querySelector('select')"
    )
    shown = page.evaluate(
        "() => document.querySelector('gcds-select').shadowRoot.querySelector('select')"
        ".selectedOptions[0].textContent"
    )
    assert shown == "Offices"
    page.set_input_files("gcds-file-uploader input[type=file]", str(csv))
    page.locator("main form gcds-button[type=submit]").click()
    page.wait_for_selector("main section[role=status], main [role=alert], gcds-error-summary")
    assert page.locator("main section[role=status]").count() == 1, page.content()
    assert Office.objects.filter(code="havana").exists()
    assert axe_violations(page) == []


def test_what_was_typed_is_kept_across_the_language_toggle(page, site):
    """Text, a long text and a choice typed on the English form are there on the French one
    (they were lost: the toggle is a plain link to the other language's page)."""
    sign_in(page, site["url"])
    page.goto(f"{site['url']}/en/engagements/irritants/add/")
    page.fill("gcds-input[name=title_en] input", "Visa delays for students")
    page.fill("gcds-textarea[name=description_en] textarea", "Raised twice in 2024.")
    page.select_option("gcds-select[name=severity] select", index=2)
    chosen = page.evaluate("() => document.querySelector('gcds-select[name=severity]').value")
    page.locator("gcds-lang-toggle a").click()
    page.wait_for_url("**/fr/engagements/irritants/add/")
    page.wait_for_function(
        "() => document.querySelector('gcds-input[name=title_en]').value === "
        "'Visa delays for students'"
    )
    kept = page.evaluate(
        """() => ['gcds-input[name=title_en]', 'gcds-textarea[name=description_en]',
        'gcds-select[name=severity]'].map(s => document.querySelector(s).value)"""
    )
    assert kept == ["Visa delays for students", "Raised twice in 2024.", chosen]
    shown = page.locator("gcds-input[name=title_en] input").input_value()
    assert shown == "Visa delays for students"
    assert axe_violations(page) == []
    # Kept once: coming back to the page later starts it empty.
    page.goto(f"{site['url']}/fr/engagements/irritants/add/")
    page.wait_for_function("() => customElements.get('gcds-input') !== undefined")
    assert page.locator("gcds-input[name=title_en] input").input_value() == ""


def test_countries_are_picked_by_typing_and_sent_by_the_multi_select(page, site):
    """The engagement form's countries: a type-ahead box (keyboard: type, arrow, Enter) over the
    250-line multi-select, which stays in the form and is what is sent."""
    make_country(iso_alpha3="MEX", iso_alpha2="MX", name_en="Mexico", name_fr="Mexique")
    make_country(iso_alpha3="USA", iso_alpha2="US", name_en="United States", name_fr="États-Unis")
    sign_in(page, site["url"])
    page.goto(f"{site['url']}/en/engagements/add/")
    assert page.locator("select#id_countries").is_hidden()
    box = page.get_by_role("combobox", name="Counterpart countries")
    box.fill("mexi")
    listbox = page.get_by_role("listbox", name="Counterpart countries")
    assert listbox.get_by_role("option", name="Mexico").is_visible()
    assert axe_violations(page) == []
    box.press("Enter")
    chosen = page.evaluate(
        "() => [...document.querySelector('#id_countries').selectedOptions].map(o => o.value)"
    )
    assert len(chosen) == 1
    assert page.get_by_role("button", name="Remove Mexico").is_visible()
    page.get_by_role("button", name="Remove Mexico").click()
    left = page.evaluate("() => document.querySelector('#id_countries').selectedOptions.length")
    assert left == 0
    assert axe_violations(page) == []
