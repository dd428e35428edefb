"""The change log's pages, declared over the generic views: the list (filters from
core/filters.py's `ChangeRecordFilterSet`, shared with the API; the table and its CSV from
`ChangeRecordTable`) and one change's page. A record's history page (core/views/generic.py) shows
its changes in the same table.

Every change record is the reader's (the log's own clearance), and the record it names is named
through the reader (core/changes.py): a record they may not see keeps its kind and loses its
name. Change records are immutable, so they have no edit, delete or history page."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.core.changes import ChangeLine, change_lines
from passerelle.core.filters import ChangeRecordFilterSet
from passerelle.core.models import ChangeRecord
from passerelle.core.tables import ChoiceColumn, Table
from passerelle.core.templatetags.passerelle import longdatetime
from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.core.views.routes import record_url


class ChangeRecordTable(Table):
    """A change a line: when (its page), what, the record by its name through the reader, its
    kind, the changed fields by label, who and through which path."""

    caption = _("Changes, most recent first")
    time = tables.Column(verbose_name=_("Time"))
    action = ChoiceColumn(verbose_name=_("Action"))
    name = tables.Column(verbose_name=_("Record"), accessor="pk", orderable=False)
    kind = tables.Column(verbose_name=_("Kind of record"), accessor="pk", orderable=False)
    summary = tables.Column(verbose_name=_("Changed fields"), accessor="pk", orderable=False)
    user_name = tables.Column(verbose_name=_("User"), default="—")
    actor = tables.Column(verbose_name=_("Write path"))

    class Meta(Table.Meta):
        model = ChangeRecord
        fields = ()
        exclude = ("illustrative",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lines: dict[int, ChangeLine] = {}

    def line(self, record: ChangeRecord) -> ChangeLine:
        """The record's line, named through the reader; those of the page shown (of every row
        for the CSV) are read together, a query per kind of record."""
        if record.pk not in self._lines:
            page = getattr(self, "page", None)
            rows = page.object_list if page is not None else self.rows
            lines = change_lines(row.record for row in rows)
            self._lines.update((line.record.pk, line) for line in lines)
        return self._lines.get(record.pk) or change_lines([record])[0]

    def render_time(self, record: ChangeRecord) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), longdatetime(record.time))

    def value_time(self, record: ChangeRecord) -> str:
        return record.time.isoformat()

    def render_name(self, record: ChangeRecord) -> Any:
        line = self.line(record)
        if line.url:
            return format_html('<a href="{}">{}</a>', line.url, line.name)
        return line.name or "—"

    def value_name(self, record: ChangeRecord) -> str:
        return self.line(record).name

    def render_kind(self, record: ChangeRecord) -> str:
        return self.line(record).kind

    value_kind = render_kind

    def render_summary(self, record: ChangeRecord) -> str:
        return self.line(record).summary or "—"

    def value_summary(self, record: ChangeRecord) -> str:
        return self.line(record).summary

    def render_actor(self, value: str) -> Any:
        return format_html("<code>{}</code>", value)


class ChangeRecordListView(ObjectListView):
    """The change log, newest first: every create, update and delete the reader may see, from
    every write path."""

    view_permission = True
    queryset = ChangeRecord.objects.select_related("content_type")
    table = ChangeRecordTable
    filterset = ChangeRecordFilterSet
    filter_fields = ("actor", "action", "model", "user")
    template_name = "web/changes/list.html"
    filename = "changes"


class ChangeRecordDetailView(ObjectDetailView):
    """One change: who, when, through which path, the record by its name (through the reader)
    and each changed field by its label, before and after, as the reader reads them."""

    view_permission = True
    queryset = ChangeRecord.objects.select_related("content_type")
    template_name = "web/changes/detail.html"
    context_object_name = "record"

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        return {"line": change_lines([record])[0]}
