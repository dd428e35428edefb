"""The change log's pages, declared over the generic views: the list (filters from
`ChangeRecordFilterSet`, the table and its CSV from `ChangeRecordTable`) and one change's page.
A record's history page (core/views/generic.py) shows its changes in the same table.

Every change record is the reader's (the log's own clearance), and the record it names is named
through the reader (core/changes.py): a record they may not see keeps its kind and loses its
name. Change records are immutable, so they have no edit, delete or history page."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.changes import ChangeLine, change_lines
from passerelle.core.filters import FilterSet
from passerelle.core.models import ChangeRecord
from passerelle.core.tables import ChoiceColumn, Table
from passerelle.core.templatetags.passerelle import longdatetime
from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.core.views.routes import record_url


class ChangeRecordFilterSet(FilterSet):
    """By write path, action, kind of record and user; the choices are those of the records the
    reader may see."""

    actor = filters.ChoiceFilter(label=_("Write path"))
    action = filters.ChoiceFilter(label=_("Action"), choices=ChangeRecord.Action.choices)
    model = filters.ChoiceFilter(label=_("Kind of record"), method="filter_model")
    user = filters.ChoiceFilter(label=_("User"), field_name="user_name")

    empty_labels = {name: _("Any") for name in ("actor", "action", "model", "user")}

    class Meta:
        model = ChangeRecord
        fields = ("actor", "action", "model", "user")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = self.queryset
        fields = self.form.fields
        fields["actor"].choices = _distinct(visible, "actor")
        fields["user"].choices = _distinct(visible.exclude(user_name=""), "user_name")
        fields["model"].choices = _kinds(visible)

    def filter_model(
        self, queryset: QuerySet[ChangeRecord], name: str, value: str
    ) -> QuerySet[ChangeRecord]:
        app_label, _dot, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


def _distinct(records: QuerySet[ChangeRecord], field: str) -> list[tuple[str, str]]:
    values = records.order_by(field).values_list(field, flat=True).distinct()
    return [(value, value) for value in values]


def _kinds(records: QuerySet[ChangeRecord]) -> list[tuple[str, str]]:
    """Each kind of record the reader's changes name, by its label."""
    kinds = []
    for content_type in ContentType.objects.filter(pk__in=records.values("content_type")):
        model = content_type.model_class()
        label = str(model._meta.verbose_name).capitalize() if model else content_type.model
        kinds.append((f"{content_type.app_label}.{content_type.model}", label))
    return sorted(kinds, key=lambda kind: kind[1])


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
