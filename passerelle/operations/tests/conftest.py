"""A small store per module: a few hundred generated records, ingested and built in a temporary
directory (settings.OPERATIONS_DIR), and the raw records to check against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.test import override_settings

from passerelle.operations import build, generator, ingest

FIXTURES = Path(__file__).parent / "fixtures"
ROWS = 1500


def make_file(path: Path, *, rows: int = ROWS, seed: int = 11) -> pa.Table:
    generator.generate(rows=rows, seed=seed, output=path)
    return pq.read_table(path)


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pa.Table]:
    """A built store of ROWS generated records; yields the raw records."""
    folder = tmp_path_factory.mktemp("operations")
    with override_settings(OPERATIONS_DIR=folder / "store"):
        table = make_file(folder / "records.parquet")
        ingest.ingest(folder / "records.parquet")
        build.build()
        yield table


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Path]:
    with override_settings(OPERATIONS_DIR=tmp_path / "store"):
        yield tmp_path
