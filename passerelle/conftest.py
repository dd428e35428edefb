"""Fixtures shared by every app's tests, and the PostgreSQL leg's choice of tests."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.snapshot import Snapshot, capture, restore
from passerelle.core.testing import make_user, signed_in_client

# What pytest-django needs to give a test the test database: a test that asks for any of these
# (or for a fixture that does: fixturenames is the whole closure) reaches the database. Every
# fixture of ours that unblocks the database by hand (django_db_blocker) asks for django_db_setup.
DATABASE_FIXTURES = frozenset({"_django_db_helper", "django_db_setup", "live_server"})
DESELECTED = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (make test-postgres: the others give "
        "the same result on every database, and make test-sqlite runs them)",
    )


def uses_database(item: pytest.Item) -> bool:
    """Whether the test reaches the database, or depends on which one is configured. A test
    that reaches it without saying so fails on every leg: pytest-django blocks its access
    ("Database access not allowed", core/tests/test_legs.py)."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("each_database"):
        return True
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    case = getattr(item, "cls", None)  # Django's own test cases declare their databases
    return bool(case is not None and getattr(case, "databases", None))


# The modules that take minutes run first: pytest-xdist's loadscope hands out whole modules in
# collection order, so one of them collected last leaves a worker alone with it at the end.
SLOW_FIRST = ("passerelle/core/tests/test_leaks.py", "passerelle/core/tests/test_api_fuzz.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: else unchanged
    if not config.getoption("database_tests_only"):
        return
    kept = [item for item in items if uses_database(item)]
    chosen = {id(item) for item in kept}
    deselected = [item for item in items if id(item) not in chosen]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
    config.stash[DESELECTED] = len(deselected)
    if hasattr(config, "workeroutput"):  # an xdist worker: its controller prints the summary
        config.workeroutput["database_tests_only_deselected"] = len(deselected)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist's controller collects nothing itself: its workers tell it what they deselected."""
    count = getattr(node, "workeroutput", {}).get("database_tests_only_deselected")
    if count is not None:
        config = node.config
        config.stash[DESELECTED] = max(config.stash.get(DESELECTED, 0), count)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    count = config.stash.get(DESELECTED, None)
    if count is not None:
        terminalreporter.write_line(
            f"--database-tests-only: {count} tests deselected: they use no database (no "
            "django_db mark, no db, transactional_db or live_server fixture), so they give the "
            "same result here as on the SQLite leg, which runs them (make test-sqlite)."
        )


@pytest.fixture
def viewer(db: None) -> User:
    return make_user(role="viewer", clearance=Classification.PROTECTED_B)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user(role="analyst", clearance=Classification.PROTECTED_B)


@pytest.fixture
def administrator(db: None) -> User:
    return make_user(role="administrator", clearance=Classification.PROTECTED_B)


@pytest.fixture
def unclassified_viewer(db: None) -> User:
    return make_user(role="viewer", clearance=Classification.UNCLASSIFIED)


@pytest.fixture
def viewer_client(viewer: User) -> Client:
    return signed_in_client(viewer)


@pytest.fixture
def analyst_client(analyst: User) -> Client:
    return signed_in_client(analyst)


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Each test starts in the default language: a request in French leaves French active in
    its thread after the response, and a test after it that builds text outside any request
    would read French."""
    from django.utils import translation

    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_at_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A job started by a test runs at once, in the test (Huey's immediate mode), its files in a
    folder of the session's; core/tests/test_job_worker.py runs the real queue and worker."""
    from passerelle.core.jobs.queue import reset

    immediate = override_settings(JOBS_IMMEDIATE=True, JOBS_DIR=tmp_path_factory.mktemp("jobs"))
    immediate.enable()
    reset()
    yield
    immediate.disable()
    reset()


@pytest.fixture(autouse=True, scope="session")
def _static_files_looked_up_on_request() -> Iterator[None]:
    """Every test client builds the middleware anew, and WhiteNoise's reads the whole collected
    static folder when it is built (about 1,300 files: a quarter of a second, half the time of a
    page test; a server builds it once per process). In tests it looks a file up when one is
    asked for (its autorefresh mode), and serves it the same way."""
    on_request = override_settings(WHITENOISE_AUTOREFRESH=True)
    on_request.enable()
    yield
    on_request.disable()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Tests make many users, and argon2 is slow on purpose (about 0.1 s a hash): tests hash
    with MD5 and still verify argon2 hashes. test_commands.py checks the product's argon2."""
    fast = override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *django_settings.PASSWORD_HASHERS,
        ]
    )
    fast.enable()
    yield
    fast.disable()


@pytest.fixture(scope="session")
def _reference_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot:
    """What `passerelle load-reference` writes, loaded once per test session and rolled back."""
    from passerelle.core.reference import load_reference

    with django_db_blocker.unblock():
        return capture(
            lambda: load_reference(Path(django_settings.PROJECT_DIR) / "data" / "reference")
        )


@pytest.fixture
def reference_data(db: None, _reference_snapshot: Snapshot) -> None:
    """The whole reference dataset (the binder's facts, partners, engagements, the network), as
    `passerelle load-reference` loads it: restored from a snapshot in about a tenth of a second.
    Tests of the loader itself load for real."""
    restore(_reference_snapshot)
