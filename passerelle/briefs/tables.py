"""The briefs' tables: the binders' and the approved editions' list pages and their CSVs, each
from one declaration."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import longdatetime


class BinderTable(Table):
    """Binders: the title as a link, the occasion, its date, its kind."""

    caption = _("Binders")
    title = LinkColumn(verbose_name=_("Title"), row=True, language_field="title")
    occasion = ExportColumn(verbose_name=_("Occasion"), visible=True, orderable=False)
    day = ExportColumn(verbose_name=_("Date"), visible=True)
    kind = ChoiceColumn(verbose_name=_("Type"))
    title_en = ExportColumn(verbose_name=_("Title (English)"))
    title_fr = ExportColumn(verbose_name=_("Title (French)"))
    fold_by = "title"

    class Meta(Table.Meta):
        sequence = ("title", "occasion", "day", "kind", "...")
        exclude = ()

    def value_kind(self, record: object) -> str:
        return str(record.get_kind_display())  # type: ignore[attr-defined]


class BriefEditionTable(Table):
    """Approved editions, newest first: the title as a link, its language, its number, who
    released it and when."""

    caption = _("Approved editions")
    title = LinkColumn(verbose_name=_("Title"), row=True)
    language = ChoiceColumn(verbose_name=_("Language"))
    number = ExportColumn(verbose_name=_("Edition"), visible=True)
    released_at = ExportColumn(verbose_name=_("Released at"), visible=True)
    released_by = tables.Column(verbose_name=_("Released by"), accessor="released_by__username")
    brief_kind = ExportColumn(verbose_name=_("Brief"))
    subject = ExportColumn(verbose_name=_("Subject"))

    class Meta(Table.Meta):
        exclude = ()

    def render_released_at(self, value: Any) -> str:
        return longdatetime(value)

    def value_language(self, record: Any) -> str:
        return str(record.get_language_display())

    def value_brief_kind(self, record: Any) -> str:
        return str(record.get_brief_kind_display())
