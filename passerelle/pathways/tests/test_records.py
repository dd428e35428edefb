"""The measures' applications in our own records (the operations store): the generator draws
them under the measures' program codes, ingest accepts them, and the measure's page shows the
funnel counted from them beside the published one, marked illustrative."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from django.test import Client, override_settings

from passerelle.operations import build, generator, ingest
from passerelle.operations.codes import CRISIS_PROGRAMS
from passerelle.pathways.models import Pathway
from passerelle.pathways.records import records_funnel

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(tmp_path: Path) -> Iterator[pa.Table]:
    with override_settings(OPERATIONS_DIR=tmp_path / "store"):
        path = tmp_path / "records.parquet"
        generator.generate(rows=20_000, seed=5, output=path)
        ingest.ingest(path)
        build.build()
        yield pq.read_table(path)


def test_the_generator_draws_every_measure_in_its_window(store: pa.Table) -> None:
    table = store
    programs = set(table.column("program").to_pylist())
    assert set(CRISIS_PROGRAMS) <= programs
    gaza = table.filter(pc.equal(table["program"], "gaza_trv"))
    assert set(gaza.column("citizenship").to_pylist()) == {"PSE"}
    received = gaza.column("received_date").to_pylist()
    assert min(received).isoformat() >= "2024-01-09" and max(received).isoformat() <= "2025-03-06"


def test_the_records_funnel_beside_the_published_one(
    store: pa.Table, reference_data: None, viewer_client: Client
) -> None:
    table = store
    sudan = Pathway.objects.get(slug="sudan-family-pathway")
    found = records_funnel(sudan)
    assert found is not None and found.illustrative
    expected = table.filter(pc.equal(table["program"], "sudan_family_pr")).num_rows
    assert found.received == expected
    approved = next(row for row in found.comparisons if row["stage"] == "approved")
    assert approved["published"].value == 182
    assert approved["difference"] == found.approved - 182
    assert approved["newer"] == "records"  # the records run to December 2025
    page = viewer_client.get(sudan.get_absolute_url()).content.decode()
    assert "From our own records" in page and "Illustrative records" in page
