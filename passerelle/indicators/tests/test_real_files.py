"""The publishers' real files (../shared/data/real/) import with the figures they hold; the
expected values are read from the files themselves. Skipped where the folder is absent (it is
not part of the repository)."""

from __future__ import annotations

import csv
import datetime

import pytest

from passerelle.indicators.importers import run_import
from passerelle.indicators.models import ImportRun, Observation
from passerelle.indicators.tests.factories import REAL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} (the real publisher files) is absent"),
]


def imported(kind: str, name: str) -> ImportRun:
    run = run_import(kind, REAL / name, user=None, retrieved=datetime.date(2026, 11, 20))
    assert run.outcome == ImportRun.Outcome.IMPORTED, run.problems
    assert run.rejected == 0
    return run


def current(code: str, geography: str, period: str, breakdown: str = "") -> Observation:
    return Observation.objects.get(
        indicator__code=code,
        geography=geography,
        period=period,
        breakdown=breakdown,
        superseded=False,
    )


def test_undesa_world_migrant_stock_2020() -> None:
    imported("undesa-stock", "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx")
    world = current("undesa.migrant_stock", "WLD", "2020")
    assert world.value == 280_598_105 and world.status == "estimate"
    assert round(current("undesa.migrant_share", "WLD", "2020").value or 0, 1) == 3.6
    assert current("undesa.migrant_stock", "CAN", "2020").value == 8_049_323
    assert current("undesa.refugees", "WLD", "2020").value == 33_807_795
    assert current("undesa.migrant_stock", "WLD", "2020", "sex=female").value == 134_942_261


def test_wdi_remittances_lmy_2023_and_reimport() -> None:
    name = "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
    with (REAL / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if row and row[0] == "Country Name")
    lmy = next(row for row in rows if len(row) > 1 and row[1] == "LMY")
    expected = float(lmy[header.index("2023")])
    run = imported("wdi", name)
    observation = current("wdi.BX.TRF.PWKR.CD.DT", "LMY", "2023")
    assert observation.value == expected and observation.geography_kind == "aggregate"
    assert current("wdi.BX.TRF.PWKR.CD.DT", "CAN", "2023").geography_kind == "country"
    assert run.source is not None and run.source.published == datetime.date(2025, 7, 1)
    count = Observation.objects.count()
    again = run_import("wdi", REAL / name, user=None)
    assert again.outcome == ImportRun.Outcome.UNCHANGED and Observation.objects.count() == count


def test_unhcr_excerpt() -> None:
    name = "unhcr_population_api_layout_excerpt.csv"
    with (REAL / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hosted = sum(int(r["refugees"]) for r in rows if r["coa_iso"] == "CAN" and r["year"] == "2023")
    austria = [r for r in rows if r["coo"] == "AUS"]
    run = imported("unhcr-population", name)
    assert run.corridors == len(rows)
    assert current("unhcr.refugees.asylum", "CAN", "2023").value == hosted
    if austria:
        assert Observation.objects.filter(geography="AUT").exists()
    assert set(run.problems["kept_codes"]) == {"UNK", "XXA"}


def test_unhcr_hdx() -> None:
    name = "unhcr_HDX_EndYearPopulationTotals.csv"
    with (REAL / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = sum(float(r["REF"]) for r in rows if r["ISO3CoA"] == "PAK" and r["Year"] == "2019")
    run = imported("unhcr-population", name)
    assert run.corridors == len(rows)
    assert current("unhcr.refugees.asylum", "PAK", "2019").value == expected


def test_ircc_processing_times_and_study_permits() -> None:
    imported("ircc-processing-times", "ircc_data-ptime-en.json")
    assert current("ircc.ptime.visitor-outside-canada", "AGO", "2026-05-13").value == 793
    imported("ircc-processing-times", "ircc_data-ptime-non-country-en.json")
    assert current("ircc.ptime.eta", "ALL", "2026-05-13").value == round(5 / 1440, 1)
    assert current("ircc.ptime.cec_flpt", "ALL", "2025-10-01").value == 182.6
    imported("ircc-study-permits", "EN_ODP-TR-Study-IS_CITZ_sign_date.csv")
    assert current("ircc.study_permit_holders", "AFG", "2015").value == 90
    assert current("ircc.study_permit_holders.monthly", "AFG", "2015-02").status == "suppressed"


def test_dtm() -> None:
    imported("dtm", "dtm_displacement-admin0-admin0pcode-tcd.json")
    latest = current(
        "dtm.idps",
        "TCD",
        "2025-01-31",
        "round=24;reason=Natural disaster;origin=TD07;assessment=BA",
    )
    assert latest.value == 4146
    empty = run_import("dtm", REAL / "dtm_displacement-country-list.json", user=None)
    assert empty.imported == 0 and empty.problems["skipped"]
