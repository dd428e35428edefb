"""Settings come from the environment; production refuses an unsafe configuration."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from passerelle.env import env_bool, env_list


def passerelle(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update({"PASSERELLE_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-m", "passerelle.manage", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_in_a_production_configuration(tmp_path):
    result = passerelle(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PASSERELLE_HTTPS": "true",
            "ALLOWED_HOSTS": "passerelle.example.gc.ca",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = passerelle("check", env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_malformed_boolean_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PASSERELLE_HTTPS", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PASSERELLE_HTTPS='maybe' is not a boolean"):
        env_bool("PASSERELLE_HTTPS", default=False)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.gc.ca, b.gc.ca ,")
    assert env_list("ALLOWED_HOSTS", default=[]) == ["a.gc.ca", "b.gc.ca"]


def test_state_lives_in_the_data_directory():
    assert settings.STATIC_ROOT.is_relative_to(settings.DATA_DIR)
    if connection.vendor == "sqlite" and not connection.settings_dict["NAME"].startswith("file:"):
        assert str(settings.DATA_DIR) in str(settings.DATABASES["default"]["NAME"])


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_full_sync():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
