"""Start-up: what a process imports before it does anything (docs/performance.md, "Start-up").

Each gunicorn worker imports the URLs on its first request, and every command that runs the
system checks imports them too: the heavy engines (Ibis, pyarrow, DuckDB, WeasyPrint,
matplotlib, pandas) must wait for the page or command that uses them. Checked in a fresh
interpreter, as the test process has imported everything already. No timing is asserted here
(the machine is shared); bench/startup.py measures the times."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.management import BaseCommand, call_command, get_commands

from passerelle.core.testing import make_user

HEAVY = (
    "ibis", "pyarrow", "duckdb", "weasyprint", "matplotlib", "pandas", "polars", "sqlglot", "numpy"
)  # fmt: skip

URLS_AND_CHECKS = f"""
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
from django.core import checks
checks.run_checks()
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""

HELP = """
import json, sys
from passerelle.manage import main
sys.argv = ["passerelle", "--help"]
main()
print(json.dumps(["django.db.models" in sys.modules]))
"""


def python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passerelle.settings"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.each_database  # the child process sets Django up on the configured database
def test_setup_urls_and_checks_import_no_heavy_engine():
    result = python(URLS_AND_CHECKS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []


def test_help_lists_every_command_without_setting_django_up():
    result = python(HELP)
    assert result.returncode == 0, result.stderr
    *listing, imported_models = result.stdout.splitlines()
    assert json.loads(imported_models) == [False]
    listed = {line.strip() for line in listing if line.startswith("    ")}
    assert listed == set(get_commands())  # the same list as Django's own, set up
    assert "[operations]" in listing and "[core]" in listing


@pytest.mark.django_db
def test_project_commands_run_no_system_checks_and_accept_skip_checks(monkeypatch):
    def checked(*args, **kwargs):
        raise AssertionError("the system checks ran")

    monkeypatch.setattr(BaseCommand, "check", checked)
    user = make_user(role="analyst")
    call_command("issue-token", user.username, skip_checks=False)
    call_command("issue-token", user.username, "--skip-checks")
