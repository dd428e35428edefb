"""The import runs' table: the runs page and its CSV from one declaration."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import longdatetime
from passerelle.core.views.routes import record_url
from passerelle.indicators.models import ImportRun


class ImportRunTable(Table):
    caption = _("Import runs, most recent first")
    created = tables.Column(verbose_name=_("Imported on"))
    kind = tables.Column(verbose_name=_("Format"))
    file_name = tables.Column(verbose_name=_("File"))
    outcome = ChoiceColumn(verbose_name=_("Outcome"))
    source = LinkColumn(verbose_name=_("Release"), orderable=False)
    imported = tables.Column(verbose_name=_("Observations imported"))
    rejected = tables.Column(verbose_name=_("Rows rejected"))
    checksum = tables.Column(verbose_name=_("File checksum (SHA-256)"), visible=False)

    class Meta(Table.Meta):
        model = ImportRun
        fields = ()
        exclude = ("illustrative",)

    def render_created(self, record: ImportRun) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), longdatetime(record.created))

    def value_created(self, record: ImportRun) -> str:
        return record.created.isoformat()
