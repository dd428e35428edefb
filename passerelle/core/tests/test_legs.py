"""The PostgreSQL leg runs only the tests that use the database (`--database-tests-only`,
passerelle/conftest.py): the others give the same result on both, and the SQLite leg runs them.
That is safe only if a test that reaches the database without saying so fails, on every leg."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.conftest import uses_database
from passerelle.core.models import User


def test_a_test_that_reaches_the_database_undeclared_fails() -> None:
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        User.objects.count()


def test_a_unit_test_uses_no_database(request: pytest.FixtureRequest) -> None:
    assert not uses_database(request.node)


@pytest.mark.django_db
def test_the_mark_declares_the_database(request: pytest.FixtureRequest) -> None:
    assert uses_database(request.node)


def test_a_fixture_that_needs_the_database_declares_it(
    request: pytest.FixtureRequest, viewer: User
) -> None:
    assert uses_database(request.node)


@pytest.mark.each_database
def test_a_child_process_that_inherits_the_database_is_kept(
    request: pytest.FixtureRequest,
) -> None:
    assert uses_database(request.node)


def _serves_live(live_server: Any) -> None: ...


def _reads_the_reference(_reference_snapshot: Any) -> None: ...


def _commits(transactional_db: None) -> None: ...


def _parses(tmp_path: Any, settings: Any) -> None: ...


@pytest.mark.parametrize(
    ("function", "expected"),
    [(_serves_live, True), (_reads_the_reference, True), (_commits, True), (_parses, False)],
)
def test_the_fixtures_closure_decides(request: pytest.FixtureRequest, function, expected) -> None:
    """On items made here, as collection makes them (a live server takes a while to start)."""
    item = pytest.Function.from_parent(
        request.node.parent, name=function.__name__, callobj=function
    )
    assert uses_database(item) is expected
