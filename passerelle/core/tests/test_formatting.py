"""The locale filters, asserted to the exact string in both languages (French uses the no-break
spaces of fr_CA: U+00A0)."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from passerelle.core.templatetags import passerelle as filters

NBSP = "\u00a0"


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with translation.override(request.param):
        yield request.param


CASES: dict[str, list[tuple[object, dict[str, str]]]] = {
    "compact": [
        (281_000_000, {"en": "281 million", "fr": "281 millions"}),
        (Decimal("669000000000.0000"), {"en": "669 billion", "fr": "669 milliards"}),
        (27_100_000, {"en": "27.1 million", "fr": "27,1 millions"}),
    ],
    "percent": [
        (3.6, {"en": "3.6%", "fr": f"3,6{NBSP}%"}),
        (Decimal("3.6000"), {"en": "3.6%", "fr": f"3,6{NBSP}%"}),
        (50, {"en": "50%", "fr": f"50{NBSP}%"}),
    ],
    "number": [
        (1050, {"en": "1,050", "fr": f"1{NBSP}050"}),
        (Decimal("2.5000"), {"en": "2.5", "fr": "2,5"}),
        (1_234_567, {"en": "1,234,567", "fr": f"1{NBSP}234{NBSP}567"}),
    ],
    "longdate": [
        (datetime.date(2023, 4, 15), {"en": "April 15, 2023", "fr": "15 avril 2023"}),
        # 02:00 UTC on April 16 is still April 15 in Toronto.
        (
            datetime.datetime(2023, 4, 16, 2, 0, tzinfo=datetime.UTC),
            {"en": "April 15, 2023", "fr": "15 avril 2023"},
        ),
    ],
}


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [(name, value, expected) for name, cases in CASES.items() for value, expected in cases],
)
def test_filter(language, name, value, expected):
    assert getattr(filters, name)(value) == expected[language]


def test_money(language):
    expected = {
        "en": "US$1,050.00",
        "fr": f"1{NBSP}050,00{NBSP}${NBSP}US",
    }
    assert filters.money(1050, "USD") == expected[language]


def test_empty_values_are_blank(language):
    for name in ("compact", "percent", "number", "money", "longdate"):
        assert getattr(filters, name)(None) == ""


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("persons", Decimal("281000000"), {"en": "281 million", "fr": "281 millions"}),
        ("percent", Decimal("3.6"), {"en": "3.6%", "fr": f"3,6{NBSP}%"}),
        (
            "usd",
            Decimal("669000000000"),
            {"en": "US$669 billion", "fr": f"669 milliards{NBSP}${NBSP}US"},
        ),
        ("count", Decimal("1050"), {"en": "1,050", "fr": f"1{NBSP}050"}),
        ("year", Decimal("2020.0000"), {"en": "2020", "fr": "2020"}),
    ],
)
def test_fact_value(language, unit, value, expected):
    assert filters.fact_value(SimpleNamespace(unit=unit, value=value)) == expected[language]


def test_longdatetime_is_in_the_display_time_zone(settings):
    settings.DISPLAY_TIME_ZONE = "America/Toronto"
    moment = datetime.datetime(2023, 4, 15, 18, 5, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert "2:05" in filters.longdatetime(moment)
    with translation.override("fr"):
        assert "14 h 05" in filters.longdatetime(moment)


def test_localized_falls_back_to_english_marked_as_such():
    """A French page shows the English where the French is missing, marked [EN] (issue 16)."""
    record = SimpleNamespace(title_en="Refugees", title_fr="")
    with translation.override("fr"):
        assert filters.localized(record, "title") == "[EN] Refugees"
    record.title_fr = "Réfugiés"
    with translation.override("fr"):
        assert filters.localized(record, "title") == "Réfugiés"
