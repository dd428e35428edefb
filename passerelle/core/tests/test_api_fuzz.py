"""The whole API fuzzed by schemathesis, in process, from its own OpenAPI schema: every
operation, as an administrator and as a viewer, on the reference data, with a fixed seed and a
bounded number of examples (FUZZ_EXAMPLES) so it fits the CI budget. No answer may be a server
error (5xx) or break the published schema (body, status code, content type, headers).

Path parameters are drawn half the time from the records that exist (so a DELETE meets a
referenced record, a PATCH a real one), and If-Match half the time is `*` (so writes get past
the precondition). `FUZZ_EXAMPLES=50 pytest … test_api_fuzz.py` fuzzes harder.

It runs on PostgreSQL, the production database (about 30 s a leg): the SQLite leg runs the leak
crawl instead (test_leaks.py), and `FUZZ_ON_SQLITE=1` fuzzes there too."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from passerelle.core.reader import as_system
from passerelle.core.testing import make_user

pytestmark = pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"]
    and not os.environ.get("FUZZ_ON_SQLITE"),
    reason="the API fuzz runs on PostgreSQL (FUZZ_ON_SQLITE=1 runs it on SQLite too)",
)
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
CALLS: list[int] = [0]
OPERATIONS: set[str] = set()
# No server error, and every answer as the schema publishes it. (Schemathesis's other checks
# judge the API's leniency, e.g. a `limit` it clamps rather than refuses, not its contract.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True),
    config=SchemathesisConfig.from_dict(
        {
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
            "generation": {"max-examples": FUZZ_EXAMPLES},
        }
    ),
)
schema.app = WSGIHandler()


def _existing_keys(path: str, name: str) -> list[str]:
    """The lookup values of the records the operation's viewset holds (up to 20)."""
    try:
        match = resolve(path.replace("{" + name + "}", "x"))
    except Resolver404:
        return []
    viewset = getattr(match.func, "cls", None)
    queryset = getattr(viewset, "queryset", None)
    if queryset is None:
        return []
    lookup = getattr(viewset, "lookup_field", "pk")
    with as_system():
        return [str(key) for key in queryset.values_list(lookup, flat=True)[:20]]


def _steer(case: Any) -> None:
    """Half the time (as the case's own content decides, so the run stays reproducible), name a
    record that exists and send If-Match `*`."""
    if case.path_parameters:
        name, value = next(iter(case.path_parameters.items()))
        choice = zlib.crc32(repr(value).encode())
        keys = _existing_keys(case.operation.path, name)
        if keys and choice % 2:
            case.path_parameters[name] = keys[choice % len(keys)]
    if_match = (case.headers or {}).get("If-Match")
    if if_match is not None and zlib.crc32(repr(if_match).encode()) % 2:
        case.headers["If-Match"] = "*"


@pytest.fixture
def administrator_token(reference_data: None) -> str:
    return str(Token.objects.create(user=make_user(role="administrator")).key)


@pytest.fixture
def viewer_token(reference_data: None) -> str:
    return str(Token.objects.create(user=make_user(role="viewer")).key)


SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    derandomize=True,  # a fixed seed: the same cases on every run
    deadline=None,
    database=None,
    # no shrinking nor explaining: a failure is reported as found, within the CI budget
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module", autouse=True)
def _report_calls() -> Iterator[None]:
    """`FUZZ_REPORT=path` appends the number of calls this process made (docs/api.md)."""
    yield
    if report := os.environ.get("FUZZ_REPORT"):
        with open(report, "a") as out:
            out.write(f"{CALLS[0]} calls, {len(OPERATIONS)} operations\n")


def _fuzz(case: Any, token: str) -> None:
    CALLS[0] += 1
    OPERATIONS.add(case.operation.label)
    _steer(case)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


def _summary(failure: BaseException) -> str:
    """The failure's kinds and first lines: 274 operations' full reports would drown the log."""
    found = getattr(failure, "exceptions", None) or [failure]
    return "; ".join(str(each).strip().splitlines()[0] for each in found)


@contextmanager
def _connection_kept() -> Iterator[None]:
    """Django closes the database connection after each request it handles; the test's
    transaction lives on it (django.test.Client disconnects the same signal)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzz_every_operation(token: str) -> list[str]:
    """Each operation's failures (as found: not shrunk)."""
    with _connection_kept():
        return _fuzz_operations(token)


def _fuzz_operations(token: str) -> list[str]:
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]

        @SETTINGS
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            _fuzz(case, token)

        try:
            fuzz()
        except (Exception, BaseExceptionGroup) as failure:  # every operation's, not the first's
            failures.append(f"{operation.label}: {_summary(failure)}")
    return failures


# The operations in a loop, not one pytest item each: schemathesis's own parametrization runs a
# single operation under pytest-xdist. One class per role, so `pytest -n 2 --dist loadscope`
# runs the two on the two workers.
class TestAsAdministrator:
    def test_every_operation(self, administrator_token: str) -> None:
        assert _fuzz_every_operation(administrator_token) == []


class TestAsViewer:
    def test_every_operation(self, viewer_token: str) -> None:
        assert _fuzz_every_operation(viewer_token) == []
