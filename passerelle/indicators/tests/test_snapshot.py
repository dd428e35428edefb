"""The snapshot of the publishers' open data the project carries (data/indicators/): every file
imports through the same importers with the figures the home page shows, once; each file has its
source and licence beside it; the home page shows the binder's 35.3 million beside UNHCR's
29.4 million, both with their sources."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from passerelle.core.models import Citation
from passerelle.core.testing import make_source
from passerelle.indicators.importers import ImportFailed, run_import
from passerelle.indicators.models import ImportRun, Observation
from passerelle.indicators.snapshot import default_folder, load_snapshot, read_manifest
from passerelle.indicators.tests.factories import make_refugees_fact

pytestmark = pytest.mark.django_db

FOLDER = default_folder()


def value(code: str, geography: str, period: str) -> float | None:
    return Observation.objects.get(
        indicator__code=code, geography=geography, period=period, breakdown="", superseded=False
    ).value


def test_every_file_has_its_source_and_licence_and_the_snapshot_stays_small() -> None:
    files = read_manifest(FOLDER)
    assert {f.kind for f in files} >= {
        "unhcr-population",
        "undesa-stock",
        "wdi",
        "ircc-processing-times",
    }
    for file in files:
        assert (file.path.parent / "SOURCE.md").is_file(), file.path
        assert (file.path.parent / "LICENSE.md").is_file(), file.path
    size = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file())
    assert size < 5_000_000


def test_the_snapshot_imports_the_global_figures_once() -> None:
    loaded = load_snapshot()
    assert all(item.run is not None for item in loaded)
    for item in loaded:
        assert item.run is not None and item.run.outcome == ImportRun.Outcome.IMPORTED
        assert item.run.rejected == 0, item.run.problems
        assert item.run.source is not None
        assert item.run.source.retrieved == datetime.date(2026, 12, 6)
    # UNHCR: refugees under UNHCR's mandate at the end of 2022, every country of asylum.
    assert value("unhcr.refugees.asylum", "WLD", "2022") == 29_429_078
    world = Observation.objects.get(
        indicator__code="unhcr.refugees.asylum", geography="WLD", period="2022"
    )
    assert "countries of asylum" in world.notes
    assert value("undesa.migrant_stock", "WLD", "2020") == 280_598_105
    wdi = FOLDER / "worldbank" / "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
    with wdi.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if row and row[0] == "Country Name")
    lmy = next(row for row in rows if len(row) > 1 and row[1] == "LMY")
    assert value("wdi.BX.TRF.PWKR.CD.DT", "LMY", "2023") == float(lmy[header.index("2023")])
    assert Observation.objects.filter(indicator__code__startswith="ircc.ptime.").exists()
    runs = ImportRun.objects.count()
    observations = Observation.objects.count()

    again = load_snapshot()  # skipped by checksum, before the files are read

    assert all(item.skipped for item in again)
    assert (ImportRun.objects.count(), Observation.objects.count()) == (runs, observations)


def test_a_bad_manifest_names_the_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "snapshot.toml").write_text(
        '[[file]]\nkind = "unhcr"\npath = "x.csv"\nretrieved = 2026-12-06\n', encoding="utf-8"
    )
    with pytest.raises(ImportFailed, match=r"snapshot.toml, file 1, field kind"):
        read_manifest(tmp_path)


def test_home_shows_the_binders_figure_beside_unhcrs_with_their_sources(viewer_client) -> None:
    fact = make_refugees_fact()
    Citation.objects.create(
        source=make_source(
            key="unhcr-global-trends-2022",
            publisher_en="UNHCR",
            title_en="Global Trends: Forced Displacement in 2022",
        ),
        cited=fact,
        field="value",
    )
    unhcr = next(f for f in read_manifest(FOLDER) if f.kind == "unhcr-population")
    run_import(unhcr.kind, unhcr.path, user=None, retrieved=unhcr.retrieved, release=unhcr.release)
    page = viewer_client.get("/en/").content.decode()
    panel = page[page.index('id="imported-figures"') :]
    assert "35.3 million" in panel and "29.4 million" in panel
    assert "Global Trends: Forced Displacement in 2022" in panel  # the binder figure's source
    assert "Refugee Population Statistics Database" in panel  # the imported figure's source
    assert "UNRWA" in panel  # why they differ
    assert "Partial" not in panel  # every country of asylum, not an excerpt
