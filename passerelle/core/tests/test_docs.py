"""Documentation that is tested (Datasette's pattern)."""

import re

from django.conf import settings

SETTINGS = (settings.BASE_DIR / "settings.py").read_text()
MAKEFILE = (settings.PROJECT_DIR / "Makefile").read_text()
CONFIGURATION = (settings.PROJECT_DIR / "docs" / "configuration.md").read_text()


def documented_variables() -> set[str]:
    return set(re.findall(r"^\| `([A-Z_]+)` \|", CONFIGURATION, flags=re.MULTILINE))


def test_every_variable_read_by_the_settings_is_documented():
    read = set(re.findall(r'env_(?:str|bool|list|int)\(\s*"([A-Z_]+)"', SETTINGS))
    assert read, "the settings read no variable: the pattern is stale"
    assert read - documented_variables() == set()


def test_every_documented_variable_is_read_somewhere():
    for name in documented_variables():
        assert f'"{name}"' in SETTINGS or f"{name}" in MAKEFILE, f"{name} is documented, never read"


def test_every_make_task_is_listed_in_the_readme():
    readme = (settings.PROJECT_DIR / "README.md").read_text()
    tasks = re.findall(r"^([a-z-]+):.*## ", MAKEFILE, flags=re.MULTILINE)
    assert "run" in tasks and "test" in tasks
    missing = [task for task in tasks if f"make {task}" not in readme]
    assert not missing, f"README does not mention: {missing}"
