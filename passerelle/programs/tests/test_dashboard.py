"""The dashboard's figures: totals by recipient and by country, kept in the cache per data
version and per kind of reader (never one reader's figures to another), and the offline map
of projects by country drawn by the network's map service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache

from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client
from passerelle.network import countrymap, mapcache
from passerelle.programs import services
from passerelle.programs.fiscal import fiscal_year_bounds
from passerelle.programs.models import BudgetLine, Transaction
from passerelle.programs.tests.factories import (
    make_country,
    make_envelope,
    make_organization,
    make_project,
)


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _funded(name: str, level: int, amount: str, country: Any, envelope: Any) -> Any:
    year = services.current_fiscal_year()
    start, end = fiscal_year_bounds(year)
    recipient = make_organization(name_en=name, name_fr=name, classification=level)
    project = make_project(
        recipient=recipient, envelope=envelope, classification=level, start_date=start,
        end_date=end,
    )  # fmt: skip
    project.countries.add(country)
    BudgetLine.objects.create(
        project=project, fiscal_year=year, amount_cad=Decimal(amount), classification=level
    )
    Transaction.objects.create(
        project=project, kind="disbursement", date=start, value=Decimal("1000.00"),
        value_cad=Decimal("1000.00"),
        classification=level,
    )  # fmt: skip
    return project


@pytest.mark.django_db
def test_totals_by_recipient_and_country_come_from_grouped_queries() -> None:
    envelope = make_envelope()
    mexico, guatemala = make_country("MEX", "MX"), make_country("GTM", "GT")
    first = _funded("Alpha Aid", 0, "5000.00", mexico, envelope)
    _funded("Beta Aid", 0, "3000.00", guatemala, envelope)
    first.countries.add(guatemala)
    year = services.current_fiscal_year()
    by_recipient = services.totals("recipient", year)
    assert by_recipient[first.recipient_id].committed == Decimal("5000.00")
    assert by_recipient[first.recipient_id].disbursed == Decimal("1000.00")
    assert by_recipient[first.recipient_id].to_disburse == Decimal("4000.00")
    by_country = services.totals("country", year)
    assert by_country[guatemala.pk].committed == Decimal("8000.00"), "counted in each country"
    assert by_country[mexico.pk].committed == Decimal("5000.00")


@pytest.mark.django_db
def test_the_cached_figures_are_never_one_readers_for_another() -> None:
    envelope = make_envelope()
    mexico = make_country("MEX", "MX")
    _funded("Open Recipient", 0, "5000.00", mexico, envelope)
    _funded("Secret Recipient", Classification.PROTECTED_B, "7000.00", mexico, envelope)
    cleared = signed_in_client(make_user(clearance=Classification.PROTECTED_B))
    public = signed_in_client(make_user(clearance=Classification.UNCLASSIFIED))
    page = cleared.get("/en/programs/").content.decode()
    assert "Secret Recipient" in page and "$7,000" in page
    assert cleared.get("/en/programs/")["X-Security-Classification"] == "protected-b", (
        "a page from the cache is marked as one from the records"
    )
    page = public.get("/en/programs/").content.decode()
    assert "Secret Recipient" not in page and "7,000" not in page and "12,000" not in page
    assert "Open Recipient" in page
    # A write gives a new data version: the figures are computed again.
    project = _funded("Late Recipient", 0, "2500.00", mexico, envelope)
    assert project.recipient.name_en in public.get("/en/programs/").content.decode()


@pytest.mark.django_db
def test_the_map_is_drawn_by_the_network_service_from_what_the_reader_sees(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr(mapcache, "folder", lambda: tmp_path)
    envelope = make_envelope()
    mexico = make_country("MEX", "MX", iso_numeric="484")
    guatemala = make_country("GTM", "GT", iso_numeric="320")
    _funded("Open Recipient", 0, "5000.00", mexico, envelope)
    _funded("Secret Recipient", Classification.PROTECTED_B, "7000.00", guatemala, envelope)
    drawn: list[dict[str, Any]] = []

    def render(data: dict[str, Any], **kwargs: Any) -> bytes:
        drawn.append(data)
        return b"\x89PNG fake"

    monkeypatch.setattr(countrymap, "render_png", render)
    public = signed_in_client(make_user(clearance=Classification.UNCLASSIFIED))
    assert 'src="/en/programs/map.png"' in public.get("/en/programs/").content.decode()
    response = public.get("/en/programs/map.png")
    assert response["Content-Type"] == "image/png"
    assert response["X-Security-Classification"] == "unclassified"
    assert drawn[-1]["fills"] == {"484": countrymap.SHADES[0]}, "Guatemala's project is hidden"


def test_the_maps_classes_cover_every_count() -> None:
    bins = countrymap.classes({"484": 1, "320": 9, "170": 4})
    assert bins[0][0] == 1 and bins[-1][1] == 9
    assert [b[2] for b in bins] == list(countrymap.SHADES[: len(bins)])
    assert countrymap.classes({}) == []
