"""The operations pages: explorer (chart, table, CSV), signals and their attachment to an
irritant as evidence, the disparity view, service standards, and the country panel."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Evidence
from passerelle.engagements.tests.factories import make_irritant
from passerelle.geo.tests.factories import make_country
from passerelle.operations.models import IrritantSignal, ServiceStandard
from passerelle.operations.tests.factories import make_signal
from passerelle.operations.tests.reference import expected, raw_rows

pytestmark = pytest.mark.django_db


def test_explorer_shows_chart_table_and_csv(built_store: pa.Table, viewer_client: Client) -> None:
    page = viewer_client.get(
        "/en/operations/", {"citizenship": "IND", "year": "2024", "by": "program"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Illustrative data" in html
    want = expected(raw_rows(built_store), citizenship="IND", year=2024, program="visitor_visa")
    assert f"<td>{want['decided']}</td>" in html
    csv = viewer_client.get(
        "/en/operations/", {"citizenship": "IND", "year": "2024", "by": "program", "format": "csv"}
    )
    text = csv.content.decode("utf-8-sig")
    assert text.startswith("# Security classification")
    assert "Visitor visa" in text
    french = viewer_client.get("/fr/operations/", {"citizenship": "IND"})
    assert french.status_code == 200


def test_explorer_refuses_a_bad_code(built_store: pa.Table, viewer_client: Client) -> None:
    page = viewer_client.get("/en/operations/", {"citizenship": "ZZZZ"})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()


def test_disparity_is_worded_as_a_statistical_disparity(
    built_store: pa.Table, viewer_client: Client
) -> None:
    html = viewer_client.get("/en/operations/disparity/").content.decode()
    assert "not evidence of bias" in html and "standard population" in html


def test_signal_list_and_attach_to_an_irritant(analyst_client: Client) -> None:
    country = make_country(iso_alpha3="IND", iso_alpha2="IN", iso_numeric="356", name_en="India")
    irritant = make_irritant(country=country)
    signal = make_signal(significant=True, q_value=0.01)
    listing = analyst_client.get("/en/operations/signals/").content.decode()
    assert "India" in listing and f"/operations/signals/{signal.pk}/" in listing
    response = analyst_client.post(
        f"/en/operations/signals/{signal.pk}/", {"irritant": irritant.pk}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(irritant=irritant)
    assert evidence.content_type == ContentType.objects.get_for_model(IrritantSignal)
    assert evidence.record == signal and evidence.illustrative
    assert "30.0 %" in evidence.description_en and "not evidence of bias" in evidence.description_en
    assert "30,0" in evidence.description_fr
    detail = analyst_client.get(f"/en/operations/signals/{signal.pk}/").content.decode()
    assert irritant.title_en in detail


def test_viewers_cannot_attach(viewer_client: Client) -> None:
    irritant = make_irritant()
    signal = make_signal()
    response = viewer_client.post(f"/en/operations/signals/{signal.pk}/", {"irritant": irritant.pk})
    assert response.status_code == 403 and not Evidence.objects.exists()


def test_administrators_set_service_standards(analyst_client: Client) -> None:
    admin = signed_in_client(make_user(role="administrator"))
    response = admin.post(
        "/en/operations/standards/add/",
        {"program": "study_permit", "days": 60, "target": 0.8, "classification": 0},
    )
    assert response.status_code == 302
    standard = ServiceStandard.objects.get(program="study_permit")
    assert standard.days == 60
    admin.post(
        f"/en/operations/standards/{standard.pk}/edit/",
        {
            "program": "study_permit",
            "days": 56,
            "target": 0.8,
            "classification": 0,
            "version": standard.version,
        },
    )
    standard.refresh_from_db()
    assert standard.days == 56
    too_high = admin.post(
        "/en/operations/standards/add/",
        {"program": "super_visa", "days": 5, "target": 1.5, "classification": 0},
    )
    assert too_high.status_code == 400 and "at most 1" in too_high.content.decode()
    refused = analyst_client.post(
        "/en/operations/standards/add/", {"program": "super_visa", "days": 5, "target": 0.8}
    )
    assert refused.status_code == 403
    assert "Study permit" in analyst_client.get("/en/operations/standards/").content.decode()


def test_country_panel(built_store: pa.Table, viewer_client: Client) -> None:
    make_country(iso_alpha3="IND", iso_alpha2="IN", iso_numeric="356", name_en="India")
    html = viewer_client.get("/en/geo/IND/").content.decode()
    assert "Operations: decisions on applications" in html
    assert "/operations/?citizenship=IND" in html


def test_brief_section_is_registered_and_marked(built_store: pa.Table, viewer: object) -> None:
    from django.utils.translation import override

    from passerelle.briefs.sections import country_sections
    from passerelle.operations.brief import country_section

    assert any(r.key == "operations" and r.order == 90 for r in country_sections())
    country = make_country(iso_alpha3="IND", iso_alpha2="IN", iso_numeric="356", name_en="India")
    with override("fr"):
        section = country_section(country, user=viewer, language="fr")
    assert section is not None and section.illustrative
    assert all(table.illustrative for table in section.tables)
    want = expected(raw_rows(built_store), citizenship="IND")
    assert section.figures[0].value  # the decisions of the latest twelve months
    assert want["decided"] > 0
    assert country_section(country, user=make_user(role=None), language="en") is None


def test_shares_and_probabilities_read_alike_in_a_column() -> None:
    from django.utils import translation

    from passerelle.operations.templatetags.operations import probability, share

    with translation.override("en"):
        assert [share(0.78), share(0.7594)] == ["78.0%", "75.9%"]
        assert [probability(7.2e-287), probability(0.01234)] == ["< 0.0001", "0.0123"]
    with translation.override("fr"):
        assert share(0.78) == "78,0\u00a0%"
        assert probability(1e-9) == "< 0,0001"


def test_compliance_page_counts_decisions_within_each_standard(
    built_store: pa.Table, viewer_client: Client
) -> None:
    ServiceStandard.objects.create(program="visitor_visa", days=30, target=0.8)
    ServiceStandard.objects.create(program="study_permit", days=45, target=0.8)
    rows = [
        r
        for r in raw_rows(built_store)
        if r["decision"] in ("approved", "refused") and r["month"] // 100 == 2024
    ]
    html = viewer_client.get("/en/operations/compliance/", {"year": "2024"}).content.decode()
    for program, label, limit in (
        ("visitor_visa", "Visitor visa", 30),
        ("study_permit", "Study permit", 45),
    ):
        chosen = [r for r in rows if r["program"] == program]
        within = sum(1 for r in chosen if r["days"] <= limit)
        share = f"{within / len(chosen):.1%}"
        cells = f"<td>{limit}</td>\n      <td>{len(chosen)}</td><td>{within}</td><td>{share}</td>"
        assert f'<th scope="row">{label}</th>' in html and cells in html, label
    assert "Super visa" not in html.split("<tbody>")[1]  # no standard: left out
    csv = viewer_client.get(
        "/en/operations/compliance/", {"by": "citizenship", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert "Decisions with a standard" in csv and "\r\nIND," in csv
    french = viewer_client.get("/fr/operations/compliance/", {"by": "office"})
    assert french.status_code == 200 and "Conformité" in french.content.decode()


class TestStandardPages(PageCRUDTests):
    model = ServiceStandard
    list_url = "/operations/standards/"
    edit_role = "administrator"
    change = {"days": "30"}

    def make(self, **fields: Any) -> ServiceStandard:
        values = {"program": "visitor_visa", "days": 14, "target": 0.8, **fields}
        return ServiceStandard.objects.create(**values)

    def shown(self, instance: Any) -> str:
        return str(instance.get_program_display())

    def create_data(self) -> dict[str, Any]:
        return {"program": "study_permit", "days": "60", "target": "0.8", "classification": "0"}

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {"program": instance.program, **self.change, "target": "0.8", "classification": "0"}


def test_only_changes_that_disfavour_the_country_are_worth_raising(
    viewer_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mexico's refusal rate fell from 23.8 % to 20.6 %: a significant improvement, shown apart
    and worded as one, never among the signals worth raising."""
    make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484", name_en="Mexico")
    better = make_signal(
        citizenship="MEX", comparison="global", value=0.206, baseline=0.238,
        significant=True, q_value=0.001,
    )  # fmt: skip
    worse = make_signal(
        citizenship="MEX", metric="beyond_standard", comparison="global", value=0.762,
        baseline=0.589, significant=True, q_value=0.001,
    )  # fmt: skip
    assert list(IrritantSignal.objects.worth_raising()) == [worse]
    assert list(IrritantSignal.objects.improvements()) == [better]

    listing = viewer_client.get("/en/operations/signals/").content.decode()
    raising, _, improvements = listing.partition("Significant improvements")
    assert f"/operations/signals/{worse.pk}/" in raising
    assert f"/operations/signals/{better.pk}/" not in raising
    assert f"/operations/signals/{better.pk}/" in improvements
    assert "improved to 20.6" in improvements

    # The country page says the same, whatever the store holds.
    summary = {
        "start": "2025-01", "end": "2025-12", "by_program": [], "pending": 0,
        "illustrative": True,
        "total": {"decided": 10, "approval_rate": 0.8, "median_days": 5, "p80_days": 9},
    }  # fmt: skip
    monkeypatch.setattr("passerelle.operations.panel.country_summary", lambda iso3: summary)
    page = viewer_client.get("/en/geo/MEX/").content.decode()
    section = page[page.index('id="country-operations"') :]
    raising, _, improvements = section.partition("Significant improvements")
    assert "Signals worth raising" in raising
    assert "76.2%, up from 58.9%" in raising and "20.6" not in raising
    assert "improved to 20.6%, down from 23.8%" in improvements


def test_explorer_opens_on_the_last_twelve_months_by_program_with_a_total(
    built_store: pa.Table, viewer_client: Client
) -> None:
    from passerelle.operations.signals import latest_periods

    span = latest_periods()
    assert span is not None
    first, last = span.current
    rows = [r for r in raw_rows(built_store) if first <= r["month"] <= last]
    html = viewer_client.get("/en/operations/").content.decode()
    assert f"Decisions by program, {first // 100}-{first % 100:02d} to {last // 100}-" in html
    total = html[html.index("<tfoot>") : html.index("</tfoot>")]
    decided = sum(1 for r in rows if r["decision"] != "pending")
    assert ">Total</th>" in total and f"<td>{decided:,}</td>" in total
    assert "Visitor visa" in html


def test_explorer_groups_by_year(built_store: pa.Table, viewer_client: Client) -> None:
    rows = raw_rows(built_store)
    years = sorted({r["month"] // 100 for r in rows if r["month"]})
    html = viewer_client.get("/en/operations/", {"by": "decision_year"}).content.decode()
    assert "There is a problem" not in html
    body = html[html.index("<tbody>", html.index("Decisions by decision year")) :]
    for year in years:
        want = expected(rows, year=year)
        assert f'<th scope="row">{year}</th><td>{want["decided"]:,}</td>' in body, year
    csv = viewer_client.get("/en/operations/", {"by": "decision_year", "format": "csv"})
    assert "Decision year" in csv.content.decode("utf-8-sig")


def test_explorer_offers_citizenships_and_offices_by_name_in_the_readers_language(
    built_store: pa.Table, viewer_client: Client
) -> None:
    from passerelle.network.tests.factories import make_office

    make_country(iso_alpha3="IND", iso_alpha2="IN", iso_numeric="356", name_en="India",
                 name_fr="Inde")  # fmt: skip
    make_country(iso_alpha3="DEU", iso_alpha2="DE", iso_numeric="276", name_en="Germany",
                 name_fr="Allemagne")  # fmt: skip
    office = str(raw_rows(built_store)[0]["office"])
    make_office(code=office, name_en="Visa office, Somewhere", name_fr="Bureau des visas, Ailleurs")
    french = viewer_client.get("/fr/operations/").content.decode()
    citizenship = french[french.index('select-id="id_citizenship"') :]
    citizenship = citizenship[: citizenship.index("</gcds-select>")]
    assert '<option value="IND">Inde</option>' in citizenship
    assert citizenship.index(">Allemagne<") < citizenship.index(">Inde<"), "French order"
    offices = french[french.index('select-id="id_office"') :]
    assert f'<option value="{office}">Bureau des visas, Ailleurs</option>' in offices
    by_office = viewer_client.get("/en/operations/", {"by": "office"}).content.decode()
    assert '<th scope="row">Visa office, Somewhere</th>' in by_office


class TestSignalPages(PageReadTests):
    """The signals' declared list (worth raising unless the reader filters) and a signal's
    page, in both languages, within the reader's clearance."""

    model = IrritantSignal
    list_url = "/operations/signals/"

    def make(self, **fields: Any) -> IrritantSignal:
        return make_signal(citizenship="QZX", significant=True, q_value=0.01, **fields)

    def shown(self, instance: Any) -> str:
        return str(instance.citizenship)  # no country of that code: the list names it by code


def test_the_signals_list_filters_as_the_api_does_and_downloads(viewer_client: Client) -> None:
    worse = make_signal(significant=True, q_value=0.01)
    better = make_signal(citizenship="MEX", value=0.1, significant=True, q_value=0.02)
    plain = make_signal(citizenship="BRA")
    pages = {
        shown: viewer_client.get("/en/operations/signals/", {"shown": shown}).content.decode()
        for shown in ("raising", "improvements", "all")
    }
    link = "/operations/signals/{}/".format
    assert link(worse.pk) in pages["raising"] and link(plain.pk) not in pages["raising"]
    assert link(better.pk) in pages["improvements"] and link(worse.pk) not in pages["improvements"]
    assert all(link(s.pk) in pages["all"] for s in (worse, better, plain))
    api = viewer_client.get("/api/v1/operations/signals/", {"shown": "raising"}).json()
    assert [row["id"] for row in api["results"]] == [worse.pk]

    csv = viewer_client.get("/en/operations/signals/", {"shown": "all", "format": "csv"})
    text = csv.content.decode("utf-8-sig")
    assert text.startswith("# Security classification")
    header = text.splitlines()[1]
    assert header.startswith("Citizenship,Metric,Comparison,Latest twelve months,Baseline,q-value")
    assert "p-value" in header and "decisions" in header
    assert len(text.splitlines()) == 2 + 3
