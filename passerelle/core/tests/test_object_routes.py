"""`object_routes()` names a model's pages from its views alone: each view's part by the generic
view it is declared over, the record's part of the address by the detail page's lookup field, and
an editable record's delete and history pages by default (core/views/routes.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from passerelle.core.models import Source
from passerelle.core.views import routes
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)
from passerelle.core.views.routes import object_routes


@pytest.fixture(autouse=True)
def _declared_pages_kept() -> Iterator[None]:
    """These routes are not the product's: the registry of detail pages is restored after."""
    kept = dict(routes._detail_pages)
    yield
    routes._detail_pages.clear()
    routes._detail_pages.update(kept)


class SourceList(ObjectListView):
    queryset = Source.objects.all()


class SourceDetail(ObjectDetailView):
    queryset = Source.objects.all()
    lookup_field = "key"


class SourceEdit(ObjectEditView):
    queryset = Source.objects.all()
    lookup_field = "key"


class SourceHistory(ObjectHistoryView):
    queryset = Source.objects.all()
    lookup_field = "key"


def _routes(*args: object, **kwargs: object) -> dict[str, str]:
    patterns = object_routes("sources/", "probe", *args, namespace="probe", **kwargs)  # type: ignore[arg-type]
    return {str(p.name): str(p.pattern) for p in patterns}


def test_each_view_plays_the_part_of_its_generic_view_and_the_address_follows_the_lookup() -> None:
    assert _routes(SourceEdit, SourceDetail, SourceList) == {
        "probe_list": "sources/",
        "probe_add": "sources/add/",
        "probe_detail": "sources/<slug:key>/",
        "probe_edit": "sources/<slug:key>/edit/",
        "probe_delete": "sources/<slug:key>/delete/",
        "probe_history": "sources/<slug:key>/history/",
    }


def test_an_app_gives_its_own_pages_or_none() -> None:
    own = object_routes("s/", "own", SourceDetail, SourceEdit, SourceHistory, delete=False)
    views = {str(p.name): p.callback.view_class for p in own}  # type: ignore[attr-defined]
    assert views["own_history"] is SourceHistory and "own_delete" not in views
    read_only = _routes(SourceList, SourceDetail)
    assert set(read_only) == {"probe_list", "probe_detail"}
    with_history = _routes(SourceDetail, history=True, lookup="<str:key>")
    assert with_history == {
        "probe_detail": "sources/<str:key>/",
        "probe_history": "sources/<str:key>/history/",
    }


def test_a_view_not_declared_over_a_generic_view_or_given_twice_is_refused() -> None:
    with pytest.raises(AssertionError, match="not declared over a generic view"):
        object_routes("s/", "x", object)
    with pytest.raises(AssertionError, match="two detail pages"):
        object_routes("s/", "x", SourceDetail, SourceDetail)
