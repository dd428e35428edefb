"""The "translation to do" page: every record the reader may see with a bilingual field whose
French is empty, by kind (core/translations.py), as a table and its CSV — declared over the
generic list view, whose rows here are fields of records of every kind rather than one model's
records (so the page names itself instead of reading a model's names)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Source
from passerelle.core.tables import Table, record_name
from passerelle.core.translations import TranslationGap, translation_gaps
from passerelle.core.views.generic import ObjectListView
from passerelle.core.views.routes import record_url


class TranslationGapTable(Table):
    caption = _("Fields without French, by kind of record")
    kind = tables.Column(verbose_name=_("Kind"), accessor="kind")
    record = tables.Column(verbose_name=_("Record"), accessor="record", orderable=False)
    field = tables.Column(verbose_name=_("Field"), accessor="field_label", orderable=False)
    english = tables.Column(verbose_name=_("English text"), accessor="english", orderable=False)

    class Meta(Table.Meta):
        sequence = ("kind", "record", "field", "english")

    def render_record(self, record: TranslationGap) -> Any:
        url = record_url(record.record)
        name = record_name(record.record)
        return format_html('<a href="{}">{}</a>', url, name) if url else name

    def value_record(self, record: TranslationGap) -> str:
        return record_name(record.record)

    def render_english(self, value: str) -> str:
        return value if len(value) <= 160 else f"{value[:159]}…"

    def value_english(self, value: str) -> str:
        return value


class TranslationListView(ObjectListView):
    """Every field still to translate into French, of the records the reader may see."""

    queryset = Source.objects.none()  # the generic view's model; the rows are read below
    table = TranslationGapTable
    template_name = "core/translation_list.html"
    filename = "translation-to-do"
    per_page = 100

    def get_queryset(self, request: HttpRequest) -> Any:
        if not hasattr(self, "_gaps"):  # one view instance per request
            self._gaps = list(translation_gaps())
        return self._gaps

    def meta(self) -> dict[str, Any]:
        return {
            "verbose_name": _("field to translate"),
            "verbose_name_plural": _("translation to do"),
        }

    def permissions(self, request: HttpRequest) -> dict[str, bool]:
        return {"can_add": False, "can_change": False, "can_delete": False}

    def urls(self, request: HttpRequest, record: Any = None) -> dict[str, str]:
        return {}

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        rows = self.get_queryset(request)
        counts: dict[str, int] = {}
        for gap in rows:
            counts[gap.kind] = counts.get(gap.kind, 0) + 1
        return {"counts": sorted(counts.items())}
