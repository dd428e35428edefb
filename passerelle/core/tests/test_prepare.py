"""`passerelle prepare` (core/prepare.py): what `make setup` and `make run` do to the database,
skipping the steps whose inputs have not changed since their last success."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.migrations.executor import MigrationExecutor

from passerelle.core import prepare as preparing

pytestmark = pytest.mark.django_db

ALWAYS = ["create-demo-admin", "operations demo", "search-index --if-incomplete"]
EVERY = ["load-reference", "load-indicators", "create-demo-admin", "load-demo-engagements",
         "operations demo", "programs demo", "briefing demo",
         "search-index --if-incomplete"]  # fmt: skip


@pytest.fixture
def project(settings, tmp_path) -> Path:
    root = tmp_path / "project"
    for name, text in (
        ("data/reference/facts.yaml", "facts: []\n"),
        ("data/indicators/snapshot.toml", "[files]\n"),
        ("passerelle/engagements/demo/planner.py", "SEED = 1\n"),
        ("passerelle/programs/demo.py", "COUNT = 3\n"),
        ("passerelle/briefs/briefing/demo.py", "DAYS = 40\n"),
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    settings.PROJECT_DIR = root
    settings.DATA_DIR = tmp_path / "var"
    settings.DATA_DIR.mkdir()
    return root


class Recorder:
    def __init__(self, failing: str = "") -> None:
        self.ran: list[str] = []
        self.failing = failing

    def __call__(self, *command: str, **options: object) -> None:
        name = " ".join(command)
        if name == self.failing:
            raise RuntimeError(f"{name} failed")
        self.ran.append(name)


def test_a_second_run_skips_what_has_not_changed(project):
    first, second = Recorder(), Recorder()
    assert preparing.prepare(demo=True, run=first) == EVERY
    assert first.ran == EVERY  # the test database is migrated: no migrate
    assert preparing.prepare(demo=True, run=second) == ALWAYS
    assert second.ran == ALWAYS


def test_changed_reference_data_runs_it_again_and_the_demo_sets_drawn_on_it(project):
    preparing.prepare(demo=True, run=Recorder())
    (project / "data/reference/facts.yaml").write_text("facts: [1]\n")
    assert preparing.prepare(demo=True, run=Recorder()) == EVERY


def test_a_changed_open_data_snapshot_runs_its_import_and_what_follows(project):
    preparing.prepare(demo=True, run=Recorder())
    (project / "data/indicators/snapshot.toml").write_text("[files]\nundesa = 1\n")
    assert preparing.prepare(demo=True, run=Recorder()) == EVERY[1:]


def test_a_changed_demo_set_runs_only_itself_and_what_follows(project):
    preparing.prepare(demo=True, run=Recorder())
    (project / "passerelle/programs/demo.py").write_text("COUNT = 4\n")
    assert preparing.prepare(demo=True, run=Recorder()) == [
        "create-demo-admin", "operations demo", "programs demo", "briefing demo",
        "search-index --if-incomplete",
    ]  # fmt: skip


def test_another_database_runs_every_step(project, monkeypatch):
    preparing.prepare(demo=True, run=Recorder())
    monkeypatch.setattr(preparing, "database_identity", lambda: "a re-created database")
    assert preparing.prepare(demo=True, run=Recorder()) == EVERY


def test_a_failed_step_runs_again_next_time(project):
    with pytest.raises(RuntimeError):
        preparing.prepare(demo=True, run=Recorder(failing="load-demo-engagements"))
    assert preparing.prepare(demo=True, run=Recorder()) == [
        "create-demo-admin", "load-demo-engagements", "operations demo", "programs demo",
        "briefing demo", "search-index --if-incomplete",
    ]  # fmt: skip


def test_setup_leaves_the_demo_sets_out_and_force_runs_everything(project):
    setup = ["load-reference", "load-indicators", "search-index --if-incomplete"]
    assert preparing.prepare(demo=False, run=Recorder()) == setup
    assert preparing.prepare(demo=False, run=Recorder()) == ["search-index --if-incomplete"]
    assert preparing.prepare(demo=True, force=True, run=Recorder()) == EVERY


def test_migrate_runs_only_when_a_migration_is_not_applied(project, monkeypatch):
    recorder = Recorder()
    assert preparing.migrate_if_needed(recorder) is False
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["one"])
    assert preparing.migrate_if_needed(recorder) is True
    assert recorder.ran == ["migrate"]


def test_make_run_prepares_in_gunicorns_master_before_the_workers(monkeypatch):
    from django.core import management

    from passerelle import serving

    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(management, "call_command", lambda *a, **kw: calls.append((a, kw)))
    serving.on_starting(server=None)
    assert serving.preload_app is True
    assert calls == [(("prepare",), {"demo": True})]
