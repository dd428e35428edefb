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

The marks of a row (`row_marks`: the classification marker and the illustrative badge) are
written here once; a declared table puts them in its first cell, and a table a template writes by
hand puts them there with the `row_marks` filter (`{{ record|row_marks }}`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django_tables2 as tables
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import OrderByTuple

from passerelle.core.classification import Classification
from passerelle.core.text import fold
from passerelle.core.views.routes import record_url


def row_marks(record: Any) -> SafeString:
    """A record's marks, each after a space: its classification when above Unclassified and the
    illustrative badge when it was made up; nothing for a real, unclassified record."""
    marks = []
    level = getattr(record, "classification", 0) or 0
    if level:
        marks.append(format_html(' <span class="marker">{}</span>', Classification(level).label))
    if getattr(record, "illustrative", False):
        marks.append(format_html(' <span class="badge-illustrative">{}</span>', _("illustrative")))
    return mark_safe("".join(marks))  # noqa: S308 - each part is escaped by format_html


def link_to(record: Any, text: Any) -> Any:
    """`text` as a link to `record`'s page, or the text alone where it has no page."""
    url = record_url(record)
    return format_html('<a href="{}">{}</a>', url, text) if url else text


def record_name(record: Any) -> str:
    """A record as a reader reads it: its name in the active language, else its text."""
    return str(getattr(record, "name", None) or record)


class LinkColumn(tables.Column):
    """A record as a link to its page: a linked record (by `accessor`), or with `row=True` the
    row's own record. `language_field="name"` sorts by `name_en` or `name_fr` as the reader
    reads."""

    def __init__(
        self, *args: Any, row: bool = False, language_field: str = "", **kwargs: Any
    ) -> None:
        kwargs.setdefault("default", "—")
        if row:
            kwargs.setdefault("accessor", "pk")
        self.row = row
        self.language_field = language_field
        super().__init__(*args, **kwargs)

    def order(self, queryset: Any, is_descending: bool) -> tuple[Any, bool]:
        """By name in the reader's language, ignoring case and accents (Åland among the A's),
        on SQLite and PostgreSQL alike: the names are folded here (core/text.py), and the
        database orders by each row's place, so the page is still a paginated queryset."""
        if not self.language_field or not hasattr(queryset, "values_list"):
            return queryset, False
        field = f"{self.language_field}_{(get_language() or 'en')[:2]}"
        names = list(queryset.order_by().values_list("pk", field))
        names.sort(key=lambda row: (fold(row[1] or ""), row[1] or "", row[0]))
        if is_descending:
            names.reverse()
        place = Case(
            *(When(pk=pk, then=Value(number)) for number, (pk, _name) in enumerate(names)),
            default=Value(len(names)),
            output_field=IntegerField(),
        )
        return queryset.order_by(place, "pk"), True

    def render(self, value: Any, record: Any = None) -> Any:
        target = record if self.row else value
        return link_to(target, record_name(target))

    def value(self, value: Any, record: Any = None) -> str:
        return record_name(record if self.row else value)


class TitleColumn(LinkColumn):
    """A record with a title (the row's own, or a linked one) as a link named by its title in
    the reader's language; the CSV gets the title alone."""

    def render(self, value: Any, record: Any = None) -> Any:
        target = record if self.row else value
        return link_to(target, target.title)

    def value(self, value: Any, record: Any = None) -> str:
        target = record if self.row else value
        return str(target.title) if target is not None else ""


class DatesColumn(tables.Column):
    """When an occasion takes place: its start date, or its first and last days when it lasts
    more than one. The CSV gets the start date alone, as a date (the end date has its own
    column)."""

    def render(self, record: Any) -> str:
        # Imported here: the template tags import this module for `row_marks`.
        from passerelle.core.templatetags.passerelle import longdate

        if record.end_date and record.end_date != record.start_date:
            return f"{longdate(record.start_date)} – {longdate(record.end_date)}"
        return longdate(record.start_date)

    def value(self, record: Any) -> Any:
        return record.start_date


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
        links = [LinkColumn().render(record) for record in records]
        return format_html_join(", ", "{}", ((link,) for link in links))

    def value(self, value: Any) -> str:
        records = value.all() if hasattr(value, "all") else value or []
        return "; ".join(record_name(record) for record in records)


class ChoiceColumn(tables.Column):
    """A field with choices, shown as its label in the active language."""

    def render(self, record: Any, bound_column: Any) -> Any:
        display = getattr(record, f"get_{bound_column.accessor}_display", None)
        return display() if callable(display) else super().render(record)


class ExportColumn(tables.Column):
    """A column of the CSV only (a record's other-language name, its slug…)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("visible", False)
        super().__init__(*args, **kwargs)

    def value(self, value: Any) -> Any:
        return "" if value is None else value


class Table(tables.Table):
    """The base of every declared table: the HTML shows the visible columns, the CSV every column
    not `exclude_from_export` (hidden ones included: `ExportColumn`), then the classification and
    the illustrative flag.

    `fold_by`: the attribute the rows are sorted by, in the reader's language and ignoring case
    and accents, when the reader has not chosen a column to sort by (a list of names reads
    alphabetically in French too, which the database's collation does not give)."""

    classification = tables.Column(verbose_name=_("Classification"), visible=False)
    illustrative = tables.BooleanColumn(verbose_name=_("Illustrative"), visible=False)
    fold_by: str = ""
    caption: Any = ""  # the table's caption; the model's plural name by default

    class Meta:
        template_name = "core/table.html"
        attrs = {"class": "data"}
        empty_text = _("Nothing to show.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        for bound in self.columns.iterall():
            field = getattr(bound.column, "language_field", "")
            if field:
                bound.column.order_by = OrderByTuple((f"{field}_{language}",))

    def get_caption(self) -> str:
        if self.caption:
            return str(self.caption)
        model = getattr(self._meta, "model", None)
        return str(model._meta.verbose_name_plural).capitalize() if model else ""

    def render_classification(self, value: Any) -> str:
        return str(Classification(int(value or 0)).label)

    def value_classification(self, record: Any) -> str:
        return str(Classification(int(getattr(record, "classification", 0) or 0)).label)

    def csv_columns(self) -> list[tuple[Any, str]]:
        """(key, label) of each exported column, for core/csv.py."""
        last = [name for name in ("classification", "illustrative") if name in self.columns]
        names = [
            column.name
            for column in self.columns.iterall()
            if not column.column.exclude_from_export and column.name not in last
        ]
        return [(name, str(self.columns[name].header)) for name in [*names, *last]]

    def csv_rows(self) -> Iterator[dict[str, Any]]:
        """Each row's exported values, by column name (the columns' `value()`, as text)."""
        names = [name for name, _label in self.csv_columns()]
        for row in self.rows:
            yield {name: _text(row.get_cell_value(name)) for name in names}


def _text(value: Any) -> Any:
    """A cell's value as the CSV writes it: booleans as the product's words elsewhere do."""
    if value == "—":
        return ""
    return value
