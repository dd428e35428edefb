"""The briefing tables: events, brief requests, approval chains (each list page's HTML table and
its CSV, from one declaration)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.briefs.briefing.models import ApprovalChain, BriefRequest, Event
from passerelle.core.tables import (
    ChoiceColumn,
    DatesColumn,
    ExportColumn,
    LinkColumn,
    ManyColumn,
    Table,
    TitleColumn,
    link_to,
)
from passerelle.core.templatetags.passerelle import longdate


class EventTable(Table):
    title = TitleColumn(verbose_name=_("Title"), row=True, language_field="title")
    start_date = DatesColumn(verbose_name=_("Dates"))
    end_date = ExportColumn(verbose_name=_("End date"))
    kind = ChoiceColumn(verbose_name=_("Kind"))
    place = tables.Column(verbose_name=_("Place"), orderable=False)
    principal = ChoiceColumn(verbose_name=_("Principal attending"))
    forum = LinkColumn(verbose_name=_("Forum"), orderable=False)
    countries = ManyColumn(verbose_name=_("Countries concerned"))
    engagement = TitleColumn(verbose_name=_("Engagement record"), orderable=False)
    caption = _("Events, earliest first")

    class Meta(Table.Meta):
        model = Event
        fields = ()
        sequence = ("title", "start_date", "...")

    def value_place(self, record: Event) -> str:
        return record.place


class BriefRequestTable(Table):
    tracking_number = LinkColumn(verbose_name=_("Tracking number"), row=True)
    title = TitleColumn(verbose_name=_("Title"), row=True, language_field="title")
    kind = ChoiceColumn(verbose_name=_("Kind"))
    due = tables.Column(verbose_name=_("Due"))
    status = ChoiceColumn(verbose_name=_("Status"))
    principal = ChoiceColumn(verbose_name=_("Principal"))
    event = TitleColumn(verbose_name=_("Event"), orderable=False)
    drafter = tables.Column(verbose_name=_("Drafted by"), orderable=False)
    team = ChoiceColumn(verbose_name=_("Team"), visible=False)
    requested_on = ExportColumn(verbose_name=_("Requested on"))
    approved_on = ExportColumn(verbose_name=_("Approved on"))
    sent_on = ExportColumn(verbose_name=_("Sent on"))
    caption = _("Brief requests, earliest due first")

    class Meta(Table.Meta):
        model = BriefRequest
        fields = ()
        sequence = ("tracking_number", "title", "kind", "due", "status", "...")

    def render_tracking_number(self, record: BriefRequest) -> Any:
        return link_to(record, record.tracking_number)

    def value_tracking_number(self, record: BriefRequest) -> str:
        return record.tracking_number

    def render_due(self, record: BriefRequest) -> Any:
        if record.overdue:
            return format_html(
                '{} <span class="eng-tag eng-tag--overdue">{}</span>',
                longdate(record.due),
                _("Overdue"),
            )
        return longdate(record.due)

    def value_due(self, record: BriefRequest) -> Any:
        return record.due

    def render_drafter(self, value: Any) -> str:
        return value.get_full_name() or value.get_username()

    def value_drafter(self, record: BriefRequest) -> str:
        drafter = record.drafter
        return (drafter.get_full_name() or drafter.get_username()) if drafter else ""

    def value_title(self, record: BriefRequest) -> str:
        return str(record.title)


class ApprovalChainTable(Table):
    kind = LinkColumn(verbose_name=_("Kind of brief or note"), row=True)
    steps = tables.Column(verbose_name=_("Steps"), accessor="pk", orderable=False)
    steps_en = ExportColumn(verbose_name=_("Steps (English)"))
    steps_fr = ExportColumn(verbose_name=_("Steps (French)"))

    class Meta(Table.Meta):
        model = ApprovalChain
        fields = ()

    def render_kind(self, record: ApprovalChain) -> Any:
        return link_to(record, record.get_kind_display())

    def value_kind(self, record: ApprovalChain) -> str:
        return str(record.get_kind_display())

    def render_steps(self, record: ApprovalChain) -> str:
        return " → ".join(record.steps())

    def value_steps(self, record: ApprovalChain) -> str:
        return " → ".join(record.steps())
