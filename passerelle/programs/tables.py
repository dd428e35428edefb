"""The program's tables (core/tables.py): each page's HTML table and its CSV from the same
columns. A child record's row (amendment, transaction…) carries links to edit, delete and see its
history, shown only to a reader whose role allows each."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from passerelle.core.querysets import permission_name
from passerelle.core.tables import ChoiceColumn, LinkColumn, ManyColumn, Table
from passerelle.core.templatetags.passerelle import money
from passerelle.programs import codelists
from passerelle.programs.models import (
    Amendment,
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    Initiative,
    PolicyMarker,
    Project,
    ProjectDocument,
    ProjectSector,
    Transaction,
)


class MoneyColumn(tables.Column):
    """An amount in Canadian dollars, formatted for the language; the CSV keeps the number."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "number"}})
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return money(value)

    def value(self, value: Any) -> str:
        return "" if value is None else str(value)


class ActionsColumn(tables.Column):
    """Edit, delete and history links of a child record (route `programs:<name>_<action>`)."""

    def __init__(self, route: str, **kwargs: Any) -> None:
        self.route = route
        kwargs.update(empty_values=(), orderable=False, verbose_name=_("Actions"))
        kwargs.setdefault("exclude_from_export", True)
        super().__init__(**kwargs)

    def render(self, record: Any, table: Any) -> str:
        user = getattr(getattr(table, "request", None), "user", None)
        links = []
        for action, label, needs in (
            ("edit", _("Edit"), "change"),
            ("delete", _("Delete"), "delete"),
            ("history", _("History"), ""),
        ):
            if needs and not (user and user.has_perm(permission_name(type(record), needs))):
                continue
            try:
                url = reverse(f"programs:{self.route}_{action}", kwargs={"pk": record.pk})
            except NoReverseMatch:
                continue
            links.append((url, label))
        return format_html_join(" ", '<a href="{}">{}</a>', links)


class EnvelopeTable(Table):
    name = LinkColumn(verbose_name=_("Funding envelope"), row=True, language_field="name")
    description = tables.Column(verbose_name=_("Description"), orderable=False)

    class Meta(Table.Meta):
        model = FundingEnvelope
        fields = ("name", "description")


class InitiativeTable(Table):
    name = LinkColumn(verbose_name=_("Initiative"), row=True, language_field="name")
    acronym = tables.Column(verbose_name=_("Acronym"), accessor="acronym", orderable=False)
    established = tables.Column(
        verbose_name=_("Established"), accessor="established_display", order_by="established"
    )
    forum = LinkColumn(verbose_name=_("Forum"), orderable=False)
    countries = ManyColumn(verbose_name=_("Countries"))

    class Meta(Table.Meta):
        model = Initiative
        fields = ("name", "acronym", "established", "forum", "countries")


class ProjectTable(Table):
    title = LinkColumn(verbose_name=_("Project"), row=True, language_field="title")
    reference_number = tables.Column(verbose_name=_("G&C reference number"))
    recipient = LinkColumn(verbose_name=_("Recipient"), order_by="recipient__name_en")
    envelope = LinkColumn(verbose_name=_("Funding envelope"), order_by="envelope__order")
    initiative = LinkColumn(verbose_name=_("Initiative"), orderable=False)
    countries = ManyColumn(verbose_name=_("Countries"))
    agreement_type = ChoiceColumn(verbose_name=_("Agreement type"))
    value_cad = MoneyColumn(verbose_name=_("Original value (CAD)"))
    start_date = tables.Column(verbose_name=_("Start"))
    end_date = tables.Column(verbose_name=_("End"))
    status = ChoiceColumn(verbose_name=_("Status"))

    class Meta(Table.Meta):
        model = Project
        fields = (
            "title",
            "reference_number",
            "recipient",
            "envelope",
            "initiative",
            "countries",
            "agreement_type",
            "value_cad",
            "start_date",
            "end_date",
            "status",
        )


class AllocationTable(Table):
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    amount_cad = MoneyColumn(verbose_name=_("Allocation (CAD)"))
    actions = ActionsColumn("allocation")

    class Meta(Table.Meta):
        model = EnvelopeAllocation
        fields = ("fiscal_year", "amount_cad", "actions")


class AmendmentTable(Table):
    number = tables.Column(verbose_name=_("Amendment"))
    date = tables.Column(verbose_name=_("Date"))
    total_value_cad = MoneyColumn(verbose_name=_("Total value after amendment (CAD)"))
    reason = tables.Column(verbose_name=_("Reason"), accessor="reason", orderable=False)
    termination = tables.BooleanColumn(verbose_name=_("Termination"))
    actions = ActionsColumn("amendment")

    class Meta(Table.Meta):
        model = Amendment
        fields = ("number", "date", "total_value_cad", "reason", "termination", "actions")


class BudgetTable(Table):
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    amount_cad = MoneyColumn(verbose_name=_("Amount (CAD)"))
    status = ChoiceColumn(verbose_name=_("Budget status"))
    actions = ActionsColumn("budget")

    class Meta(Table.Meta):
        model = BudgetLine
        fields = ("fiscal_year", "amount_cad", "status", "actions")


class TransactionTable(Table):
    date = tables.Column(verbose_name=_("Date"))
    kind = ChoiceColumn(verbose_name=_("Type"))
    value = tables.Column(verbose_name=_("Value"))
    currency = tables.Column(verbose_name=_("Currency"))
    value_cad = MoneyColumn(verbose_name=_("Value (CAD)"))
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"), orderable=False)
    actions = ActionsColumn("transaction")

    class Meta(Table.Meta):
        model = Transaction
        fields = ("date", "kind", "value", "currency", "value_cad", "fiscal_year", "actions")


class SectorTable(Table):
    code = tables.Column(verbose_name=_("DAC sector"))
    label = tables.Column(verbose_name=_("Sector"), empty_values=(), orderable=False)
    percentage = tables.Column(verbose_name=_("Percentage"))
    actions = ActionsColumn("sector")

    class Meta(Table.Meta):
        model = ProjectSector
        fields = ("code", "label", "percentage", "actions")

    def render_label(self, record: ProjectSector) -> str:
        return codelists.label("Sector", record.code)

    def value_label(self, record: ProjectSector) -> str:
        return codelists.label("Sector", record.code)


class MarkerTable(Table):
    code = tables.Column(verbose_name=_("Policy marker"))
    significance = tables.Column(verbose_name=_("Significance"))
    actions = ActionsColumn("marker")

    class Meta(Table.Meta):
        model = PolicyMarker
        fields = ("code", "significance", "actions")

    def render_code(self, record: PolicyMarker) -> str:
        return f"{record.code} – {codelists.label('PolicyMarker', record.code)}"

    def render_significance(self, record: PolicyMarker) -> str:
        return record.significance_label


class DocumentTable(Table):
    title = tables.Column(verbose_name=_("Document"), accessor="name", orderable=False)
    url = tables.Column(verbose_name=_("Address"))
    actions = ActionsColumn("document")

    class Meta(Table.Meta):
        model = ProjectDocument
        fields = ("title", "url", "actions")

    def render_url(self, value: str) -> str:
        return format_html('<a href="{}" rel="noopener">{}</a>', value, value)
