"""The briefs' tables: the binders' list page and its CSV, from one declaration."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table


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
