"""Every UI string has its French: extract the strings from a copy of the code, as a developer
would (`makemessages`, same flags), and fail on any msgid without a translation or with a fuzzy
one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

IGNORED = ("node_modules", ".venv", "var", "__pycache__", "static", ".mypy_cache")
# The flags of docs/development.md, so the test sees what a developer's run would.
MAKEMESSAGES_FLAGS = ["-l", "fr", "--no-location", "--no-obsolete"]
MAKEMESSAGES_FLAGS += ["-i", "node_modules/*", "-i", ".venv/*", "-i", "var/*"]


def _untranslated(po_file: Path) -> list[str]:
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not all(strings):
            problems.append(f"untranslated: {msgid!r}")
    return problems


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="gettext is not installed")
def test_every_ui_string_has_its_french(tmp_path: Path) -> None:
    package = tmp_path / "passerelle"
    shutil.copytree(settings.BASE_DIR, package, ignore=shutil.ignore_patterns(*IGNORED))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passerelle.settings",
        "PYTHONPATH": str(tmp_path),
        "DEBUG": "true",
        "PASSERELLE_DATA_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", *MAKEMESSAGES_FLAGS],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    problems = _untranslated(package / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert not problems, (
        f"{len(problems)} UI strings lack their French in passerelle/locale/fr/LC_MESSAGES/"
        "django.po (run makemessages, translate, no fuzzy entries):\n  " + "\n  ".join(problems)
    )
