"""The service standards' table, for their page and its CSV."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ExportColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import localized, number
from passerelle.core.views.routes import record_url
from passerelle.operations.models import ServiceStandard
from passerelle.operations.templatetags.operations import share


class StandardTable(Table):
    caption = _("Service standards by program")
    program = LinkColumn(verbose_name=_("Program"), row=True)
    days = ExportColumn(verbose_name=_("Days"), visible=True)
    target = ExportColumn(verbose_name=_("Target share"), visible=True)
    notes = tables.Column(verbose_name=_("Covers"), accessor="pk", orderable=False)
    sources = tables.Column(verbose_name=_("Sources"), accessor="pk", orderable=False)

    class Meta(Table.Meta):
        model = ServiceStandard
        fields = ()

    def render_program(self, record: ServiceStandard) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), record.get_program_display())

    def value_program(self, record: ServiceStandard) -> str:
        return str(record.get_program_display())

    def render_days(self, value: Any) -> str:
        return number(value)

    def render_target(self, value: Any) -> str:
        return share(value)

    def render_notes(self, record: ServiceStandard) -> str:
        return localized(record, "notes") or "—"

    def value_notes(self, record: ServiceStandard) -> str:
        return localized(record, "notes")

    def render_sources(self, record: ServiceStandard) -> Any:
        citations = list(record.citations.all())
        if not citations:
            return _("Entered by an administrator")
        return format_html_join("; ", "{}", ((str(c.source),) for c in citations))

    def value_sources(self, record: ServiceStandard) -> str:
        return "; ".join(str(c.source) for c in record.citations.all())
