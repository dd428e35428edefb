"""Every importer on the project's own small fixtures (one per format)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from passerelle.core.models import ChangeRecord, Fact
from passerelle.indicators.importers.ircc import days
from passerelle.indicators.models import Corridor, ImportRun, Observation
from passerelle.indicators.tests.factories import FIXTURES, import_fixture

pytestmark = pytest.mark.django_db


def value(code: str, geography: str, period: str, breakdown: str = "") -> float | None:
    return (
        Observation.objects.get(
            indicator__code=code,
            geography=geography,
            period=period,
            breakdown=breakdown,
            superseded=False,
        )
    ).value


class TestUNHCR:
    def test_api_csv_keeps_corridors_and_derives_totals(self) -> None:
        run = import_fixture("unhcr-population", "unhcr_population_api.csv")
        assert run.outcome == ImportRun.Outcome.IMPORTED
        assert run.rows_read == 7 and run.corridors == 7
        assert value("unhcr.refugees.asylum", "CAN", "2022") == 10 + 1200 + 40 + 7
        assert value("unhcr.refugees.origin", "SDN", "2022") == 1200 + 50000
        assert value("unhcr.refugees.asylum", "WLD", "2022") == 10 + 1200 + 50000 + 40 + 7
        assert value("unhcr.refugees.origin", "WLD", "2022") == 51257
        assert value("unhcr.idps.origin", "SDN", "2023") == 3_000_000
        assert value("unhcr.stateless.asylum", "CAN", "2022") == 12

    def test_unhcr_codes_are_mapped_and_unknowns_kept_explicitly(self) -> None:
        import_fixture("unhcr-population", "unhcr_population_api.csv")
        austria = Corridor.objects.get(origin_unhcr="AUS")
        assert austria.origin == "AUT"  # UNHCR's AUS is Austria, not Australia
        assert Corridor.objects.get(origin_unhcr="UKN").origin == "UNK"
        assert Corridor.objects.get(origin_unhcr="STA").origin == "XXA"
        assert value("unhcr.refugees.origin", "UNK", "2022") == 40
        assert (
            Observation.objects.get(
                indicator__code="unhcr.refugees.origin", geography="XXA"
            ).geography_kind
            == "other"
        )

    def test_empty_cells_are_not_zero(self) -> None:
        run = import_fixture("unhcr-population", "unhcr_population_api.csv")
        assert Corridor.objects.filter(oip__isnull=True).count() == 6
        assert run.problems["skipped"]["empty oip cell (not reported; not zero)"] == 6
        assert value("unhcr.oip.asylum", "CAN", "2023") == 3
        assert not Observation.objects.filter(indicator__code="unhcr.oip.asylum", period="2022")

    def test_api_json_and_hdx_layouts(self) -> None:
        import_fixture("unhcr-population", "unhcr_population_api.json")
        assert value("unhcr.refugees.origin", "AUT", "2022") == 11
        import_fixture("unhcr-population", "unhcr_hdx.csv")
        assert value("unhcr.refugees.origin", "AFG", "2019") == 1_300_000  # 1e+06 + 3e+05
        assert value("unhcr.refugees.asylum", "IRN", "1990") == 2000

    def test_reimport_changes_nothing_and_newer_release_supersedes(self) -> None:
        import_fixture("unhcr-population", "unhcr_population_api.csv")
        count = Observation.objects.count()
        again = import_fixture("unhcr-population", "unhcr_population_api.csv")
        assert again.outcome == ImportRun.Outcome.UNCHANGED
        assert Observation.objects.count() == count
        newer = import_fixture("unhcr-population", "unhcr_population_api.json", release="2024")
        assert newer.outcome == ImportRun.Outcome.IMPORTED and newer.superseded > 0
        old = Observation.objects.get(
            indicator__code="unhcr.refugees.asylum",
            geography="CAN",
            period="2022",
            superseded=True,
        )
        assert old.value == 1257  # kept, never overwritten
        assert value("unhcr.refugees.asylum", "CAN", "2022") == 2511

    def test_every_row_written_in_bulk_has_its_change_record(self) -> None:
        run = import_fixture("unhcr-population", "unhcr_population_api.csv")
        runs = ChangeRecord.objects.filter(object_id=str(run.pk), content_type__model="importrun")
        assert runs.filter(action="create").count() == 1
        first = runs.first()
        assert first is not None and first.after["checksum"] == run.checksum
        created = ChangeRecord.objects.filter(content_type__model="observation", action="create")
        assert sorted(int(r.object_id) for r in created) == sorted(
            Observation.objects.values_list("pk", flat=True)
        )
        one = Observation.objects.filter(geography="CAN").first()
        assert one is not None
        record = created.get(object_id=str(one.pk))
        assert record.after["geography"] == "CAN" and record.after["value"] == one.value
        assert record.actor == "import:unhcr-population" and record.request_id == first.request_id
        corridors = ChangeRecord.objects.filter(content_type__model="corridor").count()
        assert corridors == Corridor.objects.count() > 0
        newer = import_fixture("unhcr-population", "unhcr_population_api.json", release="2024")
        flipped = ChangeRecord.objects.filter(content_type__model="observation", action="update")
        assert flipped.count() == newer.superseded > 0
        assert {(r.before["superseded"], r.after["superseded"]) for r in flipped} == {(False, True)}

    def test_a_bad_value_writes_nothing(self, tmp_path) -> None:
        bad = tmp_path / "bad.csv"
        text = (FIXTURES / "unhcr_population_api.csv").read_text()
        bad.write_text(text.replace("1200,300", "1200,lots"))
        run = import_fixture("unhcr-population", str(bad))
        assert run.outcome == ImportRun.Outcome.FAILED
        [rejected] = run.problems["rejected"]
        assert (rejected["file"], rejected["row"], rejected["column"]) == (
            "bad.csv",
            3,
            "asylum_seekers",
        )
        assert "lots" in rejected["reason"]
        assert not Observation.objects.exists() and not Corridor.objects.exists()


def test_undesa_workbook() -> None:
    run = import_fixture("undesa-stock", "undesa_stock_2020.xlsx")
    assert run.outcome == ImportRun.Outcome.IMPORTED, run.problems
    assert value("undesa.migrant_stock", "WLD", "2020") == 280_598_105
    assert value("undesa.migrant_stock", "CAN", "2020", "sex=male") == 3_900_000
    assert value("undesa.migrant_stock", "M49-947", "2020") == 22_221_538
    assert run.problems["skipped"]["aggregate listed a second time (same M49 code)"] == 1
    channel = Observation.objects.get(
        indicator__code="undesa.migrant_stock", geography="M49-830", period="2020", breakdown=""
    )
    assert channel.geography_kind == "other" and "note 7" in channel.notes
    male = Observation.objects.get(
        indicator__code="undesa.migrant_stock",
        geography="M49-830",
        period="2020",
        breakdown="sex=male",
    )
    assert male.status == "not_available" and male.value is None
    suppressed = Observation.objects.get(
        indicator__code="undesa.refugees", geography="MDG", period="1990"
    )
    assert suppressed.status == "suppressed" and suppressed.value is None
    assert round(value("undesa.migrant_share", "WLD", "2020") or 0, 1) == 3.6


def test_wdi_bulk_and_api() -> None:
    run = import_fixture("wdi", "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_1.csv")
    assert run.outcome == ImportRun.Outcome.IMPORTED, run.problems
    lmy = Observation.objects.get(
        indicator__code="wdi.BX.TRF.PWKR.CD.DT", geography="LMY", period="2023"
    )
    assert lmy.geography_kind == "aggregate" and lmy.value == 626062331987.361
    assert Observation.objects.get(geography="CAN", period="2022").geography_kind == "country"
    assert Observation.objects.get(geography="WLD", period="2021").geography_kind == "world"
    assert run.problems["skipped"] == {"empty cell (no value published)": 1}
    api = import_fixture("wdi", "wdi_api.json")
    assert api.superseded == 1  # the API's later release holds LMY 2023 too
    assert value("wdi.BX.TRF.PWKR.CD.DT", "LMY", "2023") == 630_000_000_000


def test_wdi_bulk_needs_its_metadata(tmp_path) -> None:
    lonely = tmp_path / "API_X_DS2.csv"
    lonely.write_bytes((FIXTURES / "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_1.csv").read_bytes())
    from passerelle.indicators.importers import ImportFailed

    with pytest.raises(ImportFailed, match="metadata"):
        import_fixture("wdi", str(lonely))


def test_processing_times() -> None:
    assert days("793 days") == 793 and days("4 weeks") == 28 and days("1 week") == 7
    assert days("13 months") == 395.7 and days("Part 1: 5 months") == 152.2
    run = import_fixture("ircc-processing-times", "ircc_data-ptime-en.json")
    assert run.outcome == ImportRun.Outcome.IMPORTED, run.problems
    assert value("ircc.ptime.visitor-outside-canada", "AGO", "2026-05-13") == 793
    andorra = Observation.objects.get(geography="AND")
    assert andorra.status == "not_available" and andorra.value is None
    assert "No processing time available" in andorra.notes
    assert (
        value("ircc.ptime.refugees_private.sponsor", "ZMB", "2026-05-13") == 1126.2
    )  # 37 × 365.25 / 12


def test_study_permits() -> None:
    run = import_fixture("ircc-study-permits", "ircc_study_permits.csv")
    assert run.outcome == ImportRun.Outcome.IMPORTED, run.problems
    assert value("ircc.study_permit_holders", "AFG", "2024") == 90
    assert value("ircc.study_permit_holders.quarterly", "MMR", "2024-Q3") == 15
    feb = Observation.objects.get(
        indicator__code="ircc.study_permit_holders.monthly", geography="AFG", period="2024-02"
    )
    assert feb.status == "suppressed" and feb.value is None  # "--" is not zero
    assert value("ircc.study_permit_holders", "WLD", "2024") == 219_030
    partial = Observation.objects.get(
        indicator__code="ircc.study_permit_holders", geography="AFG", period="2025"
    )
    assert "Q1 only" in partial.notes
    assert run.source is not None and str(run.source.published) == "2025-03-31"


def test_dtm() -> None:
    run = import_fixture("dtm", "dtm_admin0.json")
    assert run.outcome == ImportRun.Outcome.IMPORTED
    latest = Observation.objects.get(indicator__code="dtm.idps", period="2025-01-31")
    assert latest.geography == "TCD" and latest.value == 4146
    assert "round=24" in latest.breakdown and "assessment=BA" in latest.breakdown


def test_command_prints_a_summary(capsys) -> None:
    call_command("import", "dtm", str(FIXTURES / "dtm_admin0.json"))
    out = capsys.readouterr().out
    assert "dtm_admin0.json" in out and "observations imported: 2" in out
    assert not Fact.objects.exists()  # an import never touches the binder's facts
