"""The service standards' and the irritant signals' tables, for their pages and CSVs."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import localized, number
from passerelle.core.views.routes import record_url
from passerelle.operations.models import IrritantSignal, ServiceStandard
from passerelle.operations.templatetags.operations import probability, share


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


class SignalTable(Table):
    """The signals, by q-value: each citizenship by name, its latest twelve months against the
    baseline (a significant change in its favour worded as an improvement)."""

    caption = _("Irritant signals")
    citizenship = tables.Column(verbose_name=_("Citizenship"))
    metric = ChoiceColumn(verbose_name=_("Metric"))
    comparison = ChoiceColumn(verbose_name=_("Comparison"))
    value = tables.Column(verbose_name=_("Latest twelve months"))
    interval = tables.Column(
        # xgettext:no-python-format
        verbose_name=_("95 % interval"),
        accessor="ci_low",
        orderable=False,
        exclude_from_export=True,
    )
    baseline = tables.Column(verbose_name=_("Baseline"))
    q_value = tables.Column(verbose_name=_("q-value"))
    # The CSV's columns besides: the figures behind the sentence, unformatted.
    period_start = ExportColumn(verbose_name=_("period start"))
    period_end = ExportColumn(verbose_name=_("period end"))
    count = ExportColumn(verbose_name=_("decisions"))
    ci_low = ExportColumn(verbose_name=_("low end of the interval (95%)"))
    ci_high = ExportColumn(verbose_name=_("high end of the interval (95%)"))
    baseline_count = ExportColumn(verbose_name=_("baseline decisions"))
    p_value = ExportColumn(verbose_name=_("p-value"))
    significant = ExportColumn(verbose_name=_("significant"))

    class Meta(Table.Meta):
        model = IrritantSignal
        fields = ()

    @cached_property
    def names(self) -> dict[str, str]:
        from passerelle.operations.views.explorer import country_names  # the geo app's names

        return country_names()

    def render_citizenship(self, record: IrritantSignal) -> Any:
        name = self.names.get(record.citizenship, record.citizenship)
        return format_html('<a href="{}">{}</a>', record_url(record), name)

    def value_citizenship(self, record: IrritantSignal) -> str:
        return self.names.get(record.citizenship, record.citizenship)

    def render_value(self, record: IrritantSignal) -> str:
        if record.significant and record.value < record.baseline:
            return str(_("improved to %(value)s") % {"value": share(record.value)})
        direction = _("higher") if record.value > record.baseline else _("lower")
        return f"{share(record.value)} ({direction})"

    def value_value(self, record: IrritantSignal) -> float:
        return record.value

    def render_interval(self, record: IrritantSignal) -> str:
        return f"{share(record.ci_low)} – {share(record.ci_high)}"

    def render_baseline(self, value: Any) -> str:
        return share(value)

    def render_q_value(self, value: Any) -> str:
        return probability(value)
