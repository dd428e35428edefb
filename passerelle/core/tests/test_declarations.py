"""Each step of "Adding a model" (docs/development.md) leaves a trace in a registry; this checks
that every model with declared pages took the steps: its API, its filters shared by both, its
page tests."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.urls import get_resolver

import passerelle
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import PageReadTests
from passerelle.core.views.generic import ObjectListView, ObjectView


def _declared_views() -> list[type[ObjectView]]:
    found: list[type[ObjectView]] = []

    def walk(patterns: Any) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if isinstance(view, type) and issubclass(view, ObjectView):
                found.append(view)

    walk(get_resolver().url_patterns)
    return found


def _viewsets() -> dict[type[Any], Any]:
    from passerelle.api_urls import router

    return {viewset.queryset.model: viewset for _p, viewset, _b in router.registry}  # type: ignore[attr-defined]


def test_every_model_with_declared_pages_has_its_api() -> None:
    viewsets = _viewsets()
    models = {view.queryset.model for view in _declared_views()}
    assert models, "the URL configuration declares pages"
    assert sorted(m._meta.label for m in models if m not in viewsets) == []


def test_a_declared_list_filters_as_its_api_does() -> None:
    viewsets = _viewsets()
    different = []
    for view in _declared_views():
        if issubclass(view, ObjectListView) and view.filterset is not None:
            api = viewsets.get(view.queryset.model)
            if api is not None and getattr(api, "filterset_class", None) is not view.filterset:
                different.append(f"{view.__name__}: {view.filterset.__name__}")
    assert different == []


@pytest.mark.filterwarnings("ignore")
def test_every_model_with_declared_pages_has_page_tests() -> None:
    tested: set[Any] = set()
    for module in pkgutil.walk_packages(passerelle.__path__, "passerelle."):
        if ".tests.test_" not in module.name or "browser" in module.name:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, PageReadTests)
                and value
                not in (
                    PageReadTests,
                    PageCRUDTests,
                )
            ):
                tested.add(value.model)
    models = {view.queryset.model for view in _declared_views()}
    assert sorted(m._meta.label for m in models - tested) == []


def _pages_written_by_hand() -> list[tuple[str, Any]]:
    """The routes of the product's own pages that are not declared over the generic views: the
    API's (declared viewsets), Django's and the admin's left out."""
    from passerelle.core.views.imports import ObjectImportView

    found: list[tuple[str, Any]] = []

    def walk(patterns: Any, prefix: str) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            view = getattr(pattern.callback, "view_class", None) or pattern.callback
            address = prefix + str(pattern.pattern)
            if not view.__module__.startswith("passerelle.") or "api/" in address:
                continue
            if isinstance(view, type) and issubclass(view, (ObjectView, ObjectImportView)):
                continue
            found.append((address, view))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_page_written_by_hand_says_what_it_is_in_its_docstring() -> None:
    """A page not declared over the generic views says what it shows (and, where it is
    list- or record-shaped, why it is written by hand): docs/development.md, "Pages"."""
    pages = _pages_written_by_hand()
    assert len(pages) > 20, "the walk finds the hand-written pages"
    silent = sorted(
        f"{address} ({view.__module__}.{view.__qualname__})"
        for address, view in pages
        if len((view.__doc__ or "").split()) < 5
    )
    assert silent == []
