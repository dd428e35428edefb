"""The same Ibis definitions on DuckDB and on the local PostgreSQL give the numbers of an
independent computation (PySpark: test_spark.py, `make test-spark`)."""

from __future__ import annotations

import os
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from passerelle.operations.tests.backends import check_backend, plain
from passerelle.operations.tests.conftest import make_file

POSTGRES = os.environ.get("OPERATIONS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "passerelle_operations"


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    return plain(make_file(tmp_path_factory.mktemp("backends") / "r.parquet", rows=700, seed=21))


def test_duckdb(raw: pa.Table, tmp_path: Path) -> None:
    pq.write_table(raw, tmp_path / "plain.parquet")
    con = ibis.duckdb.connect()
    check_backend(con, con.read_parquet(tmp_path / "plain.parquet"), raw)


def test_postgresql(raw: pa.Table) -> None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
            ).fetchone()
            if not exists:
                admin.execute(f'CREATE DATABASE "{DATABASE}"')
    except Exception as error:
        pytest.skip(f"PostgreSQL is unreachable at {POSTGRES}: {error}")
    name = f"records_{os.getpid()}"
    columns = (
        "application_id bigint, citizenship text, residence text, office text, program text, "
        "received_date date, decision_date date, decision text, age_band text, sex text"
    )
    url = POSTGRES.rsplit("/", 1)[0] + f"/{DATABASE}"
    with psycopg.connect(url, autocommit=True) as load:
        load.execute(f"DROP TABLE IF EXISTS {name}")
        load.execute(f"CREATE TABLE {name} ({columns})")
        with load.cursor().copy(f"COPY {name} FROM STDIN") as copy:
            for row in raw.to_pylist():
                copy.write_row([row[c] for c in raw.column_names])
    try:
        con = ibis.postgres.connect(host="127.0.0.1", port=5432, user="postgres", database=DATABASE)
        check_backend(con, con.table(name), raw)
    finally:
        with psycopg.connect(url, autocommit=True) as load:
            load.execute(f"DROP TABLE IF EXISTS {name}")


def test_paths(tmp_path: Path) -> None:
    """Generated data stays out of the repository."""
    assert not str(tmp_path).startswith(str(Path(__file__).parents[3]))
