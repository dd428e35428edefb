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
