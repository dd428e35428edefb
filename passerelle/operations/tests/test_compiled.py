"""The definitions' SQL kept on disk (compiled.py): the same SQL as Ibis compiles, read back
rather than compiled again, and a build or an ingest that runs it without importing Ibis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from passerelle.operations import compiled, generator


@pytest.fixture
def cache(tmp_path: Path):
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path / "cache" / "sql"


def test_the_kept_sql_is_what_ibis_compiles_and_is_read_back(cache: Path, monkeypatch) -> None:
    for name in compiled.QUERIES:
        assert compiled.sql(name) == compiled.compile_sql(name)
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == sorted(compiled.QUERIES)

    def compiling(name: str) -> str:
        raise AssertionError(f"{name} compiled again")

    monkeypatch.setattr(compiled, "compile_sql", compiling)
    assert "QUANTILE_CONT" in compiled.sql("cube")  # read from the file


def test_a_changed_definition_is_compiled_again(cache: Path, monkeypatch) -> None:
    first = compiled.sql("intake")
    compiled.digest.cache_clear()
    monkeypatch.setattr(compiled, "QUERIES", {**compiled.QUERIES})
    types, _define = compiled.QUERIES["intake"]
    compiled.QUERIES["intake"] = ({**types, "extra": "string"}, _define)
    try:
        assert compiled.digest("intake") not in {p.stem.split("-", 1)[1] for p in cache.iterdir()}
        compiled.sql("intake")
        assert len(list(cache.glob("intake-*.sql"))) == 2
    finally:
        compiled.digest.cache_clear()
    assert first.count("received") >= 1


COMMANDS = """
import json, sys
from django.apps import apps
from passerelle.manage import main
for argv in (["ingest", sys.argv[1]], ["build", "--full"]):
    sys.argv = ["passerelle", "operations", *argv]
    main()
engines = ("ibis", "pyarrow", "sqlglot", "pandas", "polars", "django.contrib.admin.sites")
print(json.dumps([apps.ready, sorted(m for m in engines if m in sys.modules)]))
"""


def test_ingest_and_build_commands_run_without_models_or_ibis(tmp_path: Path) -> None:
    """`passerelle operations ingest` and `build` as a user runs them, in a fresh process:
    once the SQL is kept, neither sets Django's models up (manage.py run_without_apps) nor
    imports Ibis, sqlglot or pyarrow (each about half a second of the command)."""
    records = tmp_path / "records.parquet"
    generator.generate(rows=400, seed=5, output=records)
    with override_settings(DATA_DIR=tmp_path):
        for name in compiled.QUERIES:
            compiled.sql(name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passerelle.settings",
        "PASSERELLE_DATA_DIR": str(tmp_path),
        "DEBUG": "true",  # a development secret key: the child serves nothing
    }
    result = subprocess.run(
        [sys.executable, "-c", COMMANDS, str(records)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    *said, imported = result.stdout.splitlines()
    assert said[0].startswith("Stored 400 records") and said[1].startswith("Full build")
    assert json.loads(imported) == [False, []]
    assert (tmp_path / "operations" / "CURRENT").exists()
