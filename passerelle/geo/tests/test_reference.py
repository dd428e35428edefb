"""The country reference: ISO codes, M49 areas, CLDR names, UNHCR codes, idempotence."""

import pytest
from django.db import transaction

from passerelle.core.models import ChangeRecord
from passerelle.geo.models import Country, Region
from passerelle.geo.reference import country_by_code, sync_countries, unhcr_codes

pytestmark = pytest.mark.django_db


def test_sync_loads_every_iso_country_and_the_m49_regions(db: None) -> None:
    with transaction.atomic():
        countries = sync_countries()  # for real: the other tests restore its snapshot
    assert Country.objects.count() == 249
    assert Region.objects.count() == 29
    assert countries == 249 + 29
    assert Region.objects.get(code="019").name_fr == "Amériques"
    assert Region.objects.get(code="419").parent.code == "019"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("alpha3", "alpha2", "numeric", "name_en", "name_fr", "areas"),
    [
        ("MEX", "MX", "484", "Mexico", "Mexique", ["019", "419", "013"]),
        ("USA", "US", "840", "United States", "États-Unis", ["019", "021"]),
        ("CAN", "CA", "124", "Canada", "Canada", ["019", "021"]),
        ("SDN", "SD", "729", "Sudan", "Soudan", ["002", "015"]),
        ("AFG", "AF", "004", "Afghanistan", "Afghanistan", ["142", "034"]),
        ("ATG", "AG", "028", "Antigua and Barbuda", "Antigua-et-Barbuda", ["019", "419", "029"]),
        (
            "COD",
            "CD",
            "180",
            "Democratic Republic of the Congo",
            "République démocratique du Congo",
            ["002", "202", "017"],
        ),
    ],
)
def test_codes_names_and_regions(
    countries: int,
    alpha3: str,
    alpha2: str,
    numeric: str,
    name_en: str,
    name_fr: str,
    areas: list[str],
) -> None:
    country = Country.objects.get(iso_alpha3=alpha3)
    assert (country.iso_alpha2, country.iso_numeric, country.m49) == (alpha2, numeric, numeric)
    assert (country.name_en, country.name_fr) == (name_en, name_fr)
    assert country.region_codes == areas


def test_unhcr_codes_where_they_differ_from_iso(countries: int) -> None:
    # From UNHCR's population table: Austria is AUS, Australia AUL, Germany GFR, Sudan SUD.
    assert Country.objects.get(iso_alpha3="AUT").unhcr_code == "AUS"
    assert Country.objects.get(iso_alpha3="AUS").unhcr_code == "AUL"
    assert Country.objects.get(iso_alpha3="DEU").unhcr_code == "GFR"
    assert Country.objects.get(iso_alpha3="SDN").unhcr_code == "SUD"
    assert Country.objects.get(iso_alpha3="CAN").unhcr_code == "CAN"
    assert len(unhcr_codes()) == 178


def test_taiwan_has_no_m49_code_but_a_region(countries: int) -> None:
    taiwan = Country.objects.get(iso_alpha3="TWN")
    assert (taiwan.iso_numeric, taiwan.m49, taiwan.subregion_m49) == ("158", "", "030")


def test_second_sync_writes_nothing(countries: int) -> None:
    before = ChangeRecord.objects.count()
    assert before == countries  # one create record per country and region
    with transaction.atomic():
        assert sync_countries() == 0
    assert ChangeRecord.objects.count() == before


def test_sync_repairs_a_changed_record_with_one_change_record(countries: int) -> None:
    Country.objects.filter(iso_alpha3="MEX").update(name_fr="Mexico")
    before = ChangeRecord.objects.count()
    with transaction.atomic():
        assert sync_countries() == 1
    assert Country.objects.get(iso_alpha3="MEX").name_fr == "Mexique"
    [record] = ChangeRecord.objects.order_by("-pk")[:1]
    assert ChangeRecord.objects.count() == before + 1
    assert record.before is not None and record.after is not None
    assert (record.before["name_fr"], record.after["name_fr"]) == ("Mexico", "Mexique")


def test_sync_is_all_or_nothing(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from passerelle.geo import reference

    def fail(alpha2: str) -> tuple[str, str]:
        if alpha2 == "MX":
            raise RuntimeError("CLDR unavailable")
        return ("Name", "Nom")

    monkeypatch.setattr(reference, "country_names", fail)
    with pytest.raises(RuntimeError), transaction.atomic():
        sync_countries()
    assert Country.objects.count() == 0
    assert Region.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MX", "MEX"),
        ("mex", "MEX"),
        ("484", "MEX"),
        ("36", "AUS"),
        ("AUS", "AUS"),  # ISO wins over UNHCR's AUS (Austria)
        ("GFR", "DEU"),  # UNHCR only
        (" usa ", "USA"),
        ("ZZZ", None),
        ("", None),
    ],
)
def test_country_by_code(countries: int, code: str, expected: str | None) -> None:
    found = country_by_code(code)
    assert (found.iso_alpha3 if found else None) == expected


def test_country_by_code_prefers_unhcr_when_asked(countries: int) -> None:
    assert country_by_code("AUS", unhcr=True).iso_alpha3 == "AUT"  # type: ignore[union-attr]
    assert country_by_code("MEX", unhcr=True).iso_alpha3 == "MEX"  # type: ignore[union-attr]


def test_command_loads_the_reference(db: None) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sync-countries", stdout=out)
    assert out.getvalue().startswith("278 ")
    assert ChangeRecord.objects.filter(actor="command:sync-countries").count() == 278
