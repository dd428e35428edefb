"""What the operations pages keep between requests (operations/cache.py, chart.py): computed once
per store generation, and never one reader's view given to another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.tests.factories import make_country
from passerelle.network.tests.factories import make_office
from passerelle.operations import analytics, chart

pytestmark = pytest.mark.django_db
U, PB = Classification.UNCLASSIFIED, Classification.PROTECTED_B


def test_a_cached_breakdown_never_shows_an_office_to_a_reader_who_may_not_see_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer by office, asked first by a Protected B reader, then by an Unclassified one:
    the second is served from what the first computed (no query on the store, no chart drawn
    again for the same figures), yet its page names only the offices it may see, in the table
    and in the chart, and is marked for what it shows."""
    from passerelle.operations.leaktest import build_store

    cache.clear()
    country = make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484")
    make_office(code="open-office", name_en="Open visa office", country=country)
    make_office(
        code="hidden-office", name_en="Hidden visa office", country=country, classification=PB
    )
    queries: list[Any] = []
    drawn: list[Any] = []
    execute, draw = analytics.execute, chart._draw

    def counted_execute(*args: Any) -> Any:
        queries.append(args[0])
        return execute(*args)

    def counted_draw(labels: Any, *args: Any) -> str:
        drawn.append(list(labels))
        return draw(labels, *args)

    monkeypatch.setattr(analytics, "execute", counted_execute)
    monkeypatch.setattr(chart, "_draw", counted_draw)
    with override_settings(OPERATIONS_DIR=tmp_path / "store"):
        build_store(tmp_path)
        address = "/en/operations/?by=office&year=2024"
        cleared = signed_in_client(make_user(role="administrator", clearance=PB)).get(address)
        assert cleared.status_code == 200
        assert "Hidden visa office" in cleared.content.decode()
        computed = len(queries)
        assert computed > 0 and len(drawn) == 1

        viewer = signed_in_client(make_user(role="administrator", clearance=U)).get(address)
        page = viewer.content.decode()
        assert viewer.status_code == 200
        assert "Open visa office" in page
        assert "Hidden visa office" not in page and "hidden-office" not in page
        assert viewer["X-Security-Classification"] == "unclassified"
        assert len(queries) == computed  # the store's rows came from the cache
        assert drawn[-1] == ["Open visa office"]  # its own chart, drawn from what it may see

        again = signed_in_client(make_user(role="administrator", clearance=U)).get(address)
        assert again.content.decode().count("Open visa office") == page.count("Open visa office")
        assert len(drawn) == 2  # the same figures and labels: the same chart, not drawn again


def test_a_new_generation_is_computed_afresh(empty_store: Path) -> None:
    """An ingest makes a new generation: what was kept for the old one is not served."""
    from passerelle.operations import build
    from passerelle.operations.ingest import ingest
    from passerelle.operations.tests.conftest import FIXTURES

    ingest(FIXTURES / "records-a.csv")
    build.build()
    before = analytics.rollup().decided
    assert analytics.rollup().decided == before
    ingest(FIXTURES / "records-b.csv")
    build.build()
    assert analytics.rollup().decided != before


def test_a_new_store_generation_is_a_new_data_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages kept until the next write (core/datacache.py) are kept until the next ingest or
    build too: the store's generation is part of the data version."""
    from passerelle.core import datacache
    from passerelle.operations import cache as store_cache

    monkeypatch.setattr(store_cache, "generation", lambda: "generation-one")
    before = datacache.data_version()  # outside a request: read each time
    assert datacache.data_version() == before
    monkeypatch.setattr(store_cache, "generation", lambda: "generation-two")
    assert datacache.data_version() != before
