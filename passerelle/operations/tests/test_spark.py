"""The same Ibis definitions on PySpark in local mode (`make test-spark`; docs/scaling.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from passerelle.operations.tests.backends import check_backend, plain
from passerelle.operations.tests.conftest import make_file

pytestmark = pytest.mark.spark


def test_pyspark_local(tmp_path: Path) -> None:
    if os.environ.get("PASSERELLE_REQUIRE_SPARK"):  # make test-spark: never skipped
        import pyspark
    else:
        pyspark = pytest.importorskip("pyspark", reason="the spark group is not installed")
    import ibis

    raw = plain(make_file(tmp_path / "r.parquet", rows=700, seed=21))
    pq.write_table(raw, tmp_path / "plain.parquet")
    session = (
        pyspark.sql.SparkSession.builder.master("local[2]")
        .appName("passerelle-operations-test")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        con = ibis.pyspark.connect(session)
        records = con.read_parquet(str(tmp_path / "plain.parquet"))
        check_backend(con, records, raw)
    finally:
        session.stop()
