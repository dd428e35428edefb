"""Tables declared once (django-tables2): the page's HTML table (sortable, paginated, an
illustrative badge on made-up rows, a marker on classified ones) and its CSV from the same
columns (the marking line and the formula guard of core/csv.py).

    class ForumTable(Table):
        name = LinkColumn(verbose_name=_("Forum"))
        secretariat = LinkColumn(verbose_name=_("Secretariat"), orderable=False)

        class Meta(Table.Meta):
            model = Forum
            fields = ("name", "acronym", "kind", "scope", "secretariat")

A linked record is read through its guarded descriptor (core/visibility.py): one the reader may
not see is withheld, so its cell is empty ("—"), as an empty link's is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification


def record_url(record: Any) -> str:
    """The page of a record, or "" when it has none."""
    url = getattr(record, "get_absolute_url", None)
    return str(url()) if callable(url) else ""


def record_name(record: Any) -> str:
    """A record as a reader reads it: its name in the active language, else its text."""
    return str(getattr(record, "name", None) or record)


class LinkColumn(tables.Column):
    """A record (the row itself, or a linked one by `accessor`) as a link to its page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", "—")
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> Any:
        url = record_url(value)
        name = record_name(value)
        return format_html('<a href="{}">{}</a>', url, name) if url else name

    def value(self, value: Any) -> str:
        return record_name(value)


class ManyColumn(tables.Column):
    """The records of a many-to-many link, as links (only those the reader may see: the related
    manager holds no other)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", "—")
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> Any:
        records = list(value.all()) if hasattr(value, "all") else list(value or [])
        if not records:
            return self.default
        links = [LinkColumn.render(self, record) for record in records]
        return format_html("{}", ", ".join(str(link) for link in links))

    def value(self, value: Any) -> str:
        records = value.all() if hasattr(value, "all") else value or []
        return "; ".join(record_name(record) for record in records)


class ChoiceColumn(tables.Column):
    """A field with choices, shown as its label in the active language."""

    def render(self, record: Any, bound_column: Any) -> Any:
        display = getattr(record, f"get_{bound_column.accessor}_display", None)
        return display() if callable(display) else super().render(record)


class Table(tables.Table):
    """The base of every declared table."""

    classification = tables.Column(verbose_name=_("Classification"), visible=False)
    illustrative = tables.BooleanColumn(verbose_name=_("Illustrative"), visible=False)

    class Meta:
        template_name = "core/table.html"
        attrs = {"class": "data"}
        empty_text = _("Nothing to show.")

    def render_classification(self, value: Any) -> str:
        return str(Classification(int(value or 0)).label)

    def value_classification(self, value: Any) -> str:
        return str(Classification(int(value or 0)).label)

    def csv_columns(self) -> list[tuple[Any, str]]:
        """(key, label) of each exported column, for core/csv.py: the visible ones, then the
        classification and the illustrative flag."""
        names = [c.name for c in self.columns if c.visible or c.name in self._always_exported]
        return [(name, str(self.columns[name].header)) for name in names]

    _always_exported = ("classification", "illustrative")

    def csv_rows(self) -> Iterator[dict[str, Any]]:
        """Each row's exported values, by column name (the columns' `value()`, as text)."""
        names = [name for name, _label in self.csv_columns()]
        for row in self.rows:
            yield {name: row.get_cell_value(name) for name in names}
