"""What `make setup` and `make run` do to the database and the demo stores, in one process,
skipping what has not changed since the last run (`passerelle prepare`).

- Migrations run only when Django's migration plan is not empty (`migrate --plan`: reading the
  migration files and the applied ones, a few hundredths of a second).
- A step with `inputs` (the reference data, the demo sets) runs only when its fingerprint
  differs from the one recorded after its last success in `<data dir>/prepared.json`. The
  fingerprint is a SHA-256 of the database's identity (its engine, name, and when its
  migrations were applied, so another or a re-created database, or a new migration, runs every
  step again), the step's command, the contents of its input files, and the fingerprint of the
  step before it (the demo sets draw on the reference data).
- A step without `inputs` always runs: its command finds out cheaply that there is nothing to do
  (the demo administrator exists, the operations store holds records).

Steps run their commands by name (`call_command`): the kernel imports no app.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection


@dataclass(frozen=True)
class Step:
    command: tuple[str, ...]
    inputs: tuple[str, ...] = ()  # globs under the project folder; empty: always run
    demo: bool = False  # only for `make run` (--demo)


STEPS = (
    Step(
        ("load-reference",),
        inputs=(
            "data/reference/**/*",
            "passerelle/core/reference/*.py",
            "passerelle/*/reference.py",
            "passerelle/*/reference/*.py",
        ),
    ),
    # the publishers' open data snapshot (data/indicators/), through the indicators' importers
    Step(
        ("load-indicators",),
        inputs=("data/indicators/**/*", "passerelle/indicators/importers/*.py"),
    ),
    Step(("create-demo-admin",), demo=True),
    Step(("load-demo-engagements",), inputs=("passerelle/engagements/demo/*.py",), demo=True),
    Step(("operations", "demo"), demo=True),
    Step(("programs", "demo"), inputs=("passerelle/programs/demo.py",), demo=True),
    Step(("briefing", "demo"), inputs=("passerelle/briefs/briefing/demo.py",), demo=True),
    # rebuilds the search index only when a kind's entries do not match its records (a kind
    # added by a new version, records written without the signals)
    Step(("search-index", "--if-incomplete")),
)


def state_path() -> Path:
    return Path(settings.DATA_DIR) / "prepared.json"


def read_state() -> dict[str, str]:
    try:
        state = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(state: dict[str, str]) -> None:
    path = state_path()
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def migrate_if_needed(run: Callable[..., object] = call_command) -> bool:
    """Apply the migrations not yet applied; False when there were none."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    run("migrate", interactive=False, verbosity=0)
    return True


def database_identity() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(applied), max(applied), count(*) FROM django_migrations")
        applied = cursor.fetchone()
    name = connection.settings_dict.get("NAME")
    return json.dumps([connection.vendor, str(name), [str(value) for value in applied]])


def fingerprint(step: Step, before: str, root: Path) -> str:
    digest = hashlib.sha256(json.dumps([before, step.command]).encode())
    files = sorted({path for pattern in step.inputs for path in root.glob(pattern)})
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare(
    *, demo: bool, force: bool = False, run: Callable[..., object] = call_command
) -> list[str]:
    """Migrate and run the steps that need to run; returns the commands run, in order."""
    done = ["migrate"] if migrate_if_needed(run) else []
    root = Path(settings.PROJECT_DIR)
    state = read_state()
    before = database_identity()
    for step in STEPS:
        if step.demo and not demo:
            continue
        name = " ".join(step.command)
        if step.inputs:
            before = fingerprint(step, before, root)
            if not force and state.get(name) == before:
                continue
        run(*step.command)
        done.append(name)
        if step.inputs:
            state[name] = before
            write_state(state)
    return done
