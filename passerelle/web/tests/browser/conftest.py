"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Run with `make test-browser` (pytest -m browser). No browser is downloaded: the tests use
/usr/bin/chromium, which `make test-browser` installs from Debian.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = settings.PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
# Chromium's own background traffic is switched off; any request it still makes is the page's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    browser = [item for item in items if Path(str(item.fspath)).is_relative_to(here)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    # The two axe crawls are the longest tests (about 150 s and 125 s). Under `--dist worksteal`
    # (make test-browser) each worker starts with one contiguous half of the list, and they were
    # side by side in it: one worker ran both. The French crawl goes to the second half.
    french = next((i for i in browser if i.name == "test_every_page_passes_axe[fr]"), None)
    if french is not None and len(browser) > 3:
        items.remove(french)
        browser.remove(french)
        items.insert(items.index(browser[len(browser) // 2 + 1]), french)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed: run `make test-browser`")
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make setup` (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the fixtures make
    # are still synchronous and safe. Set only while the browser runs, so nothing else inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
