"""A panel registered `cached=True` (core/panels.py, core/datacache.py) is computed once per
data version for each reader, subject and language, and served with its marking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils.translation import override

from passerelle.core.classification import Classification
from passerelle.core.models import Source
from passerelle.core.panels import Panels
from passerelle.core.reader import reading_as
from passerelle.core.testing import make_source, make_user

pytestmark = pytest.mark.django_db

PB = Classification.PROTECTED_B


def _panels() -> tuple[Panels, list[str]]:
    calls: list[str] = []

    def panel(request: Any, subject: Any) -> tuple[str, dict[str, Any]]:
        calls.append(request.user.username)
        names = ", ".join(source.title_en for source in Source.objects.order_by("pk"))
        return "core/tests/panel.html", {"names": f"{request.user.username}: {names}"}

    panels = Panels("test")
    panels.register("sources", panel, cached=True)
    return panels, calls


def _render(panels: Panels, user: Any, subject: Any = "subject") -> tuple[str, int]:
    request = RequestFactory().get("/")
    request.user = user
    with reading_as(user) as reader:
        html = "".join(p.html for p in panels.render(request, subject))
        return html, reader.marking.level


def _template(settings: Any, folder: Path) -> None:
    (folder / "core" / "tests").mkdir(parents=True)
    (folder / "core" / "tests" / "panel.html").write_text("{{ names }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder]}]


def test_a_cached_panel_is_computed_once_per_write_reader_subject_and_language(
    settings: Any, tmp_path: Path
) -> None:
    _template(settings, tmp_path)
    panels, calls = _panels()
    ana, bob = make_user(role="viewer", username="ana"), make_user(role="viewer", username="bob")
    make_source(title_en="Alpha")
    assert _render(panels, ana)[0] == "ana: Alpha"
    assert _render(panels, ana)[0] == "ana: Alpha" and calls == ["ana"]  # from the cache

    assert _render(panels, bob)[0] == "bob: Alpha"  # another reader: their own
    _render(panels, ana, subject="another")  # another subject: its own
    with override("fr"):
        _render(panels, ana)  # another language: its own
    assert calls == ["ana", "bob", "ana", "ana"]

    make_source(title_en="Beta")  # a write: a new data version
    assert _render(panels, ana)[0] == "ana: Alpha, Beta"
    assert len(calls) == 5


def test_a_panel_from_the_cache_is_marked_as_computed(settings: Any, tmp_path: Path) -> None:
    _template(settings, tmp_path)
    panels, calls = _panels()
    reader = make_user(role="viewer", clearance=PB, username="cleared")
    make_source(title_en="Secret", classification=PB)
    computed = _render(panels, reader)
    served = _render(panels, reader)
    assert len(calls) == 1
    assert computed == served == ("cleared: Secret", PB)


def test_readers_asking_at_once_wait_for_one_computation(monkeypatch: Any) -> None:
    """After a write (or on expiry) many requests ask for the same entry at once: one thread
    computes it, the others wait and are served it, instead of all computing it."""
    import threading
    import time

    from passerelle.core import datacache
    from passerelle.core.models import User

    monkeypatch.setattr(datacache, "_newest_change", lambda: f"test-{id(monkeypatch)}")
    reader = User(pk=1, username="ana", clearance=PB)
    calls: list[int] = []
    served: list[str] = []

    def compute() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "figures"

    def ask() -> None:
        with reading_as(reader):
            served.append(datacache.cached("stampede", compute, reader="same"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert served == ["figures"] * 8 and len(calls) == 1
