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

from passerelle.operations import compiled


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
for argv in json.loads(sys.argv[1]):
    sys.argv = ["passerelle", "operations", *argv]
    main()
engines = ("ibis", "pyarrow", "sqlglot", "pandas", "polars", "django.contrib.admin.sites")
print(json.dumps([apps.ready, sorted(m for m in engines if m in sys.modules)]))
"""


def run(env: dict[str, str], *steps: list[str]) -> tuple[list[str], list[object]]:
    """The `passerelle operations` steps in one fresh process: what they said, and whether the
    apps were set up and which engines were imported at the end."""
    result = subprocess.run(
        [sys.executable, "-c", COMMANDS, json.dumps(steps)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    *said, imported = result.stdout.splitlines()
    return said, json.loads(imported)


def test_store_commands_run_without_models_and_ingest_and_build_without_ibis(
    tmp_path: Path,
) -> None:
    """`passerelle operations generate`, `ingest` and `build` as a user runs them, each set of
    steps in a fresh process: none sets Django's models up (manage.py run_without_apps), and
    once the SQL is kept, ingest and build import none of Ibis, sqlglot or pyarrow (each about
    half a second of the command). Generate writes with pyarrow, so it runs in its own process."""
    records = str(tmp_path / "records.parquet")
    with override_settings(DATA_DIR=tmp_path):
        for name in compiled.QUERIES:
            compiled.sql(name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passerelle.settings",
        "PASSERELLE_DATA_DIR": str(tmp_path),
        "DEBUG": "true",  # a development secret key: the child serves nothing
    }
    said, (ready, _engines) = run(env, ["generate", "--rows", "400", "--output", records])
    assert said[0].startswith("Wrote 400 illustrative records") and ready is False
    said, imported = run(env, ["ingest", records], ["build", "--full"])
    assert said[0].startswith("Stored 400 records") and said[1].startswith("Full build")
    assert imported == [False, []]
    assert (tmp_path / "operations" / "CURRENT").exists()
