"""The pathways' tables: each page's HTML table and its CSV from the same columns."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, LinkColumn, ManyColumn, Table
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure


def _number(value: Any) -> str:
    from django.utils.formats import number_format

    return number_format(value, force_grouping=True)


class SourceColumn(tables.Column):
    """The source of a row, marked when secondary."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("verbose_name", _("Source"))
        kwargs.setdefault("accessor", "source")
        kwargs.setdefault("default", "—")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, value: Any, record: Any) -> str:
        text = str(value)
        if record.secondary:
            text += " " + str(_("(secondary source)"))
        return text

    def value(self, value: Any, record: Any) -> str:
        return self.render(value, record)


class PathwayTable(Table):
    name = tables.Column(verbose_name=_("Measure"), linkify=True, order_by=("order", "name_en"))
    crisis = tables.Column(verbose_name=_("Crisis"), orderable=False)
    kind = ChoiceColumn(verbose_name=_("Kind"))
    countries = ManyColumn(verbose_name=_("Countries concerned"))

    class Meta(Table.Meta):
        model = Pathway
        fields = ("name", "crisis", "kind", "countries")


class EventTable(Table):
    date = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d", linkify=True)
    pathway = LinkColumn(verbose_name=_("Pathway"))
    kind = ChoiceColumn(verbose_name=_("Event"))
    description = tables.Column(verbose_name=_("Description"), orderable=False)
    source = SourceColumn()

    class Meta(Table.Meta):
        model = PathwayEvent
        fields = ("date", "pathway", "kind", "description", "source")


class CommitmentTable(Table):
    label = tables.Column(verbose_name=_("Commitment or cap"), linkify=True, orderable=False)
    pathway = LinkColumn(verbose_name=_("Pathway"))
    kind = ChoiceColumn(verbose_name=_("Kind"))
    target = tables.Column(verbose_name=_("Target"))
    unit = ChoiceColumn(verbose_name=_("Unit"))
    effective = tables.DateColumn(verbose_name=_("In effect from"), format="Y-m-d")
    met_on = tables.DateColumn(verbose_name=_("Met on"), format="Y-m-d")
    source = SourceColumn()

    class Meta(Table.Meta):
        model = Commitment
        fields = ("label", "pathway", "kind", "target", "unit", "effective", "met_on", "source")

    def render_target(self, value: int) -> str:
        return _number(value)


class ProgressTable(Table):
    as_of = tables.DateColumn(verbose_name=_("As of"), format="Y-m-d", linkify=True)
    pathway = LinkColumn(verbose_name=_("Pathway"))
    stage = ChoiceColumn(verbose_name=_("Stage"))
    stream = tables.Column(verbose_name=_("Stream"))
    value = tables.Column(verbose_name=_("Figure"))
    unit = ChoiceColumn(verbose_name=_("Unit"))
    source = SourceColumn()

    class Meta(Table.Meta):
        model = ProgressFigure
        fields = ("as_of", "pathway", "stage", "stream", "value", "unit", "source")

    def render_value(self, value: int, record: ProgressFigure) -> str:
        shown = _number(value)
        return f"{record.get_qualifier_display()} {shown}" if record.qualifier else shown

    def value_value(self, value: int) -> int:
        return value
