"""The store changes all at once: an ingest or a build killed at any step leaves the previous
generation whole and readable, the next writer cleans up what it left, and a rerun gives the
same store as a run that was never interrupted."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from passerelle.operations import build, store
from passerelle.operations.ingest import ingest
from passerelle.operations.tests.conftest import FIXTURES


class Killed(BaseException):
    """Stands for a kill: not an Exception, so no `except Exception` handler catches it."""


def snapshot(folder: Path | None = None) -> dict[str, str]:
    """What a reader sees: every file of the current generation (or of `folder`) with its
    checksum."""
    current = folder or store.root()
    return {
        path.relative_to(current).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(current.rglob("*"))
        if path.is_file()
    }


def leftovers() -> list[str]:
    """Anything in the operations directory besides CURRENT, the lock, the current generation and
    the one before it."""
    names = sorted(path.name for path in store.base().iterdir())
    generations = [name for name in names if name.startswith("gen-")]
    current = store.root().name
    expected = {"CURRENT", "write.lock", current, *[g for g in generations if g < current][-1:]}
    work = store.base() / "work"
    found = [name for name in names if name not in expected and name != "work"]
    return found + ([f"work/{p.name}" for p in work.iterdir()] if work.exists() else [])


def count_steps(monkeypatch: pytest.MonkeyPatch, run: Callable[[], object]) -> tuple[int, int]:
    """How many file-system steps (links, renames, flushes) `run` takes, and which of them is
    the switch of CURRENT."""
    steps, switch = 0, 0

    def counting(function: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            nonlocal steps, switch
            steps += 1
            if function is REPLACE and Path(str(args[1])).name == "CURRENT":
                switch = steps
            return function(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        for name in ("replace", "link", "fsync"):
            patch.setattr(os, name, counting(getattr(os, name)))
        run()
    return steps, switch


REPLACE = os.replace


def kill_at(monkeypatch: pytest.MonkeyPatch, step: int, run: Callable[[], object]) -> None:
    """Run `run`, killed just before its `step`-th file-system step."""
    seen = 0

    def killing(function: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            nonlocal seen
            seen += 1
            if seen == step:
                raise Killed
            return function(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        for name in ("replace", "link", "fsync"):
            patch.setattr(os, name, killing(getattr(os, name)))
        with pytest.raises(Killed):
            run()


def test_an_ingest_killed_at_any_step_leaves_the_previous_store(
    empty_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ingest(FIXTURES / "records-a.csv")
    build.build()
    before = snapshot()
    second = FIXTURES / "records-b.csv"
    # the uninterrupted run, in another store, is what every rerun must give
    reference_dir = tmp_path / "reference"
    with monkeypatch.context() as patch:
        patch.setattr(store, "base", lambda: reference_dir)
        ingest(FIXTURES / "records-a.csv")
        build.build()
        steps, switch = count_steps(monkeypatch, lambda: ingest(second))
        expected = contents()
    assert switch > 10  # links, the months and their index, the intake delta, state, CURRENT

    for step in range(1, switch + 1):  # killed before CURRENT names the new generation
        kill_at(monkeypatch, step, lambda: ingest(second))
        assert snapshot() == before, f"killed at step {step}: the store changed"
    # killed after the switch (while cleaning up): the new generation is whole
    kill_at(monkeypatch, steps, lambda: ingest(second))
    assert contents() == expected
    (store.base() / "CURRENT").write_text(_generation_holding(before))
    store.clean()

    ingest(second)
    assert leftovers() == []
    assert contents() == expected


def test_a_build_killed_at_any_step_leaves_the_previous_store(
    empty_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ingest(FIXTURES / "records-a.csv")
    before = snapshot()
    with monkeypatch.context() as patch:
        patch.setattr(store, "base", lambda: tmp_path / "reference")
        ingest(FIXTURES / "records-a.csv")
        _, switch = count_steps(monkeypatch, build.build)
    assert switch > 10

    for step in range(1, switch + 1):
        kill_at(monkeypatch, step, build.build)
        assert snapshot() == before, f"killed at step {step}: the store changed"

    build.build()
    assert store.has_cube() and store.read_state()["dirty_months"] == []
    assert leftovers() == []
    call_command("operations", "check")


def test_a_killed_process_leaves_its_work_folder_until_the_next_writer(empty_store: Path) -> None:
    """A real kill (SIGKILL of a child process) of something holding a work folder."""
    store.base().mkdir(parents=True)
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    orphan = store.base() / "work" / f"ingest-{child.pid}-0000"
    orphan.mkdir(parents=True)
    (orphan / "ingest.duckdb").write_bytes(b"x" * 1000)
    store.clean()
    assert orphan.exists()  # its process still runs
    child.kill()
    child.wait()
    ingest(FIXTURES / "records-a.csv")
    assert not orphan.exists()


def test_a_store_from_before_generations_is_taken_over(empty_store: Path) -> None:
    """A store written by the previous version (its files directly in the directory) is read as
    it is, and the first ingest moves it into a generation."""
    ingest(FIXTURES / "records-a.csv")
    generation = store.root()
    for path in generation.iterdir():
        path.rename(store.base() / path.name)
    (store.base() / "CURRENT").unlink()
    shutil.rmtree(generation)
    assert store.root() == store.base()
    months = store.months_in(store.records_dir())
    assert months

    ingest(FIXTURES / "records-b.csv")

    assert store.root().name.startswith("gen-")
    assert set(store.months_in(store.records_dir())) >= set(months) - {0}
    assert not (store.base() / "records").exists()
    assert leftovers() == []


def test_operations_check_finds_a_store_that_disagrees_with_itself(
    empty_store: Path, capsys
) -> None:
    ingest(FIXTURES / "records-a.csv")
    build.build()
    call_command("operations", "check")
    assert "consistent" in capsys.readouterr().out
    # a roll-up index that no longer matches its month's records
    month = next(m for m in store.months_in(store.days_dir()) if m)
    other = next(m for m in store.months_in(store.days_dir()) if m and m != month)
    shutil.copy(
        store.partition_file(store.days_dir(), other), store.partition_file(store.days_dir(), month)
    )
    with pytest.raises(CommandError, match=f"month {month}: roll-up index: differs"):
        call_command("operations", "check")


def contents() -> list[tuple[str, str]]:
    """The current generation's files by content: Parquet files as their sorted rows (DuckDB may
    write the groups of an aggregate in any order), without state.json (it records when each
    ingest ran) and with the intake deltas' names (the time they were staged) left out."""
    current = store.root()
    found = []
    for path in sorted(current.rglob("*")):
        name = path.relative_to(current).as_posix()
        if not path.is_file() or name == "state.json":
            continue
        if path.suffix == ".parquet":
            rows = sorted(repr(sorted(row.items())) for row in pq.read_table(path).to_pylist())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found.append(("intake-delta/*" if name.startswith("intake-delta/") else name, digest))
    return sorted(found)


def _generation_holding(files: dict[str, str]) -> str:
    """The name of the kept generation whose files are `files`."""
    for folder in sorted(store.base().glob("gen-*")):
        if snapshot(folder) == files:
            return folder.name
    raise AssertionError("no generation holds the store as it was")


def test_the_country_summary_is_computed_once_per_generation(
    empty_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A country page pays the roll-ups once per store generation; an ingest brings new figures."""
    from passerelle.operations import panel

    ingest(FIXTURES / "records-a.csv")
    build.build()
    calls: list[str] = []
    compute = panel._country_summary

    def counted(iso3: str) -> object:
        calls.append(iso3)
        return compute(iso3)

    monkeypatch.setattr(panel, "_country_summary", counted)
    first = panel.country_summary("MEX")
    assert panel.country_summary("MEX") == first
    assert calls == ["MEX"]
    ingest(FIXTURES / "records-b.csv")
    build.build()
    panel.country_summary("MEX")
    assert calls == ["MEX", "MEX"]
