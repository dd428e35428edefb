"""What a list page shows (core/views/generic.py ObjectListView), each part computed once, when
the template first asks for it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django_tables2 import RequestConfig

from passerelle.core.forms import error_links
from passerelle.core.text import fold, unmarked


class Listing:
    """What a list page shows, each part computed once, when first asked for: the filter set
    bound to the request, the records it keeps, the table of them (sorted and paginated)."""

    def __init__(self, view: Any, request: HttpRequest) -> None:
        self.view = view
        self.request = request

    @cached_property
    def queryset(self) -> QuerySet[Any]:
        return self.view.get_queryset(self.request)

    @cached_property
    def filterset(self) -> Any:
        if self.view.filterset is None:
            return None
        return self.view.filterset(
            self.view.filter_data(self.request), queryset=self.queryset, request=self.request
        )

    @cached_property
    def shown(self) -> Any:
        filterset = self.filterset
        if filterset is None or not filterset.is_bound:
            return self.queryset
        return filterset.qs if filterset.is_valid() else self.queryset.none()

    @cached_property
    def table(self) -> Any:
        sorted_by_reader = "sort" in self.request.GET
        rows = self.shown if sorted_by_reader else folded(self.shown, self.view.table.fold_by)
        table = self.view.table(rows)
        RequestConfig(self.request, paginate={"per_page": self.view.per_page}).configure(table)
        return table

    @cached_property
    def filter_fields(self) -> list[Any]:
        return fields_of(self.filterset, self.view.filter_fields)

    @cached_property
    def error_links(self) -> str:
        filterset = self.filterset
        return error_links(filterset.form) if filterset is not None and filterset.errors else ""

    @cached_property
    def total(self) -> int:
        queryset = self.queryset
        return queryset.count() if isinstance(queryset, QuerySet) else len(queryset)

    @cached_property
    def shown_count(self) -> int:
        return int(self.table.paginator.count) if self.table.page else 0

    @cached_property
    def records(self) -> list[Any]:
        return [row.record for row in self.table.paginated_rows]


def fields_of(filterset: Any, names: tuple[str, ...]) -> list[Any]:
    if filterset is None:
        return []
    form = filterset.form
    return [form[name] for name in names] if names else list(form)


def folded(queryset: QuerySet[Any], attribute: str) -> Any:
    """The rows sorted by `attribute` in the reader's language, ignoring case and accents (and
    the "[EN]" of an English stand-in, which sorts among the French by its English)."""
    if not attribute:
        return queryset
    return sorted(
        queryset, key=lambda record: fold(unmarked(str(getattr(record, attribute) or "")))
    )
