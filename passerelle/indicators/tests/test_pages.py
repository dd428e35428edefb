"""The explorer, the import page, the country panel, the home page and the brief sections."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from passerelle.briefs.sections import country_sections, fundamental_sections
from passerelle.core.csv import read_marked_csv
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.tests.factories import make_country
from passerelle.indicators.brief import country_section, global_figures_section
from passerelle.indicators.models import ImportRun, Observation
from passerelle.indicators.tests.factories import FIXTURES, import_fixture, make_refugees_fact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_explorer_chart_table_and_csv(viewer_client, language: str) -> None:
    import_fixture("undesa-stock", "undesa_stock_2020.xlsx")
    url = f"/{language}/indicators/?indicator=undesa.migrant_stock&geography=WLD"
    page = viewer_client.get(url).content.decode()
    assert "<svg" in page and '<title id="chart-title">' in page
    assert "<path" in page and "<text" in page  # text kept as text, not outlined
    assert "280" in page and "598" in page and "105" in page  # the table, locale-formatted
    rows = read_marked_csv(viewer_client.get(url + "&format=csv").content.decode())
    values = [list(row.values()) for row in rows]
    assert {row[0] for row in values} == {"undesa.migrant_stock"}
    assert [values[-1][1], values[-1][3], values[-1][4]] == ["WLD", "2020", "280598105.0"]


def test_upload_is_for_administrators(viewer_client, analyst_client) -> None:
    assert viewer_client.get("/en/indicators/import/").status_code == 403
    assert analyst_client.get("/en/indicators/import/").status_code == 403
    admin = signed_in_client(make_user(role="administrator"))
    assert admin.get("/en/indicators/import/").status_code == 200
    upload = SimpleUploadedFile("dtm.json", (FIXTURES / "dtm_admin0.json").read_bytes())
    page = admin.post("/en/indicators/import/", {"kind": "dtm", "file": upload}, follow=True)
    assert "observations imported: 2" in page.content.decode()
    run = ImportRun.objects.get()
    assert run.user is not None and run.outcome == "imported"
    assert "dtm.json" in admin.get("/en/indicators/runs/").content.decode()
    summary = admin.get(f"/en/indicators/runs/{run.pk}/").content.decode()
    assert "observations imported: 2" in summary


def test_country_panel_shows_figures_with_sources(viewer_client) -> None:
    country = make_country(iso_alpha3="CAN", iso_alpha2="CA", iso_numeric="124", illustrative=False)
    import_fixture("unhcr-population", "unhcr_population_api.csv")
    page = viewer_client.get(f"/en/geo/{country.iso_alpha3}/").content.decode()
    assert "Key figures, with their sources" in page and "Refugees hosted" in page
    assert "Refugee Population Statistics Database" in page
    assert "1,500" in page  # refugees hosted in 2023, the latest year


def test_home_shows_imported_figures_beside_the_binders(viewer_client) -> None:
    fact = make_refugees_fact()
    import_fixture("unhcr-population", "unhcr_population_api.csv")
    page = viewer_client.get("/en/").content.decode()
    assert "beside the imported series" in page
    assert "UNRWA" in page and "Partial" in page
    fact.refresh_from_db()
    assert fact.value == 35_300_000  # never overwritten


def test_brief_sections() -> None:
    assert "indicators" in [r.key for r in country_sections()]
    assert ("global-figures", 25) in [(r.key, r.order) for r in fundamental_sections()]
    make_refugees_fact()
    import_fixture("unhcr-population", "unhcr_population_api.csv")
    user = make_user(role="viewer")
    with translation.override("fr"):
        section = global_figures_section(user=user, language="fr")
    assert section is not None and section.tables[0].rows[0][1] == "35,3 millions"
    assert "HCR" in section.figures[0].footnote.source
    country = make_country(iso_alpha3="SDN", iso_alpha2="SD", iso_numeric="729")
    with translation.override("en"):
        brief = country_section(country, user=user, language="en")
    assert brief is not None
    labels = {figure.label: figure.value for figure in brief.figures}
    assert labels["Refugees originating from the country"] == "1,500"
    assert Observation.objects.filter(retrieved=datetime.date(2026, 11, 20)).exists()


class TestImportRunPages(PageReadTests):
    model = ImportRun
    list_url = "/indicators/runs/"
    view_role = "administrator"

    def make(self, **fields: Any) -> ImportRun:
        number = ImportRun.objects.count()
        values = {"kind": "dtm", "file_name": f"dtm-{number}.json", "checksum": "0" * 64}
        return ImportRun.objects.create(outcome="imported", **values, **fields)

    def shown(self, instance: Any) -> str:
        return str(instance.file_name)
