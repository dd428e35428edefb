"""The engagements' tables: each list page's HTML table and its CSV, from one declaration
(core/tables.py). The CSV keeps the columns, headers and order the lists have always
downloaded (`csv_order`), so spreadsheets made from them keep working; `?layout=import` gives
the importer's own layout (exports.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from passerelle.core.querysets import permission_name
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
from passerelle.core.views.routes import record_url
from passerelle.engagements.exports import ENGAGEMENT_IMPORT_COLUMNS, FOLLOW_UP_IMPORT_COLUMNS
from passerelle.engagements.models import Commitment, Engagement, FollowUp, Irritant


class EngagementsTable(Table):
    """What the engagements' tables share: the CSV's columns in `csv_order` (the order of the
    HTML table puts the record first), and the illustrative flag written yes or no."""

    csv_order: ClassVar[tuple[str, ...]] = ()
    caption: Any = ""

    class Meta(Table.Meta):
        fields = ()

    def csv_columns(self) -> list[tuple[Any, str]]:
        columns = super().csv_columns()
        if not self.csv_order:
            return columns
        position = {name: i for i, name in enumerate(self.csv_order)}
        return sorted(columns, key=lambda column: position.get(column[0], len(position)))

    def value_illustrative(self, record: Any) -> bool:
        return bool(record.illustrative)


class EngagementTable(EngagementsTable):
    """Engagements, most recent first: the upcoming ones tagged."""

    title = TitleColumn(verbose_name=_("Title"), row=True, language_field="title")
    start_date = DatesColumn(verbose_name=_("Start date"))
    end_date = ExportColumn(verbose_name=_("End date"))
    kind = ChoiceColumn(verbose_name=_("Kind"))
    channel = ChoiceColumn(verbose_name=_("Channel"))
    place = ExportColumn(verbose_name=_("Place"), orderable=False)
    countries = ManyColumn(verbose_name=_("Counterpart countries"))
    organizations = ManyColumn(verbose_name=_("Organizations"))
    forum = LinkColumn(verbose_name=_("Forum"), orderable=False)
    topics = ManyColumn(verbose_name=_("Topics"), visible=False)
    caption = _("Engagements, most recent first")
    csv_order = (
        "start_date",
        "end_date",
        "title",
        "kind",
        "channel",
        "place",
        "countries",
        "organizations",
        "forum",
        "topics",
    )

    class Meta(EngagementsTable.Meta):
        model = Engagement
        sequence = ("title", "start_date", "...")

    def render_title(self, record: Engagement) -> Any:
        link = link_to(record, record.title)
        if record.start_date >= timezone.localdate():
            tag = _("Upcoming")
            return format_html('{} <span class="eng-tag eng-tag--upcoming">{}</span>', link, tag)
        return link

    def value_title(self, record: Engagement) -> str:
        return str(record.title)


class FollowUpTable(EngagementsTable):
    """Follow-ups, soonest due first: the overdue ones tagged; for those who may change them,
    an edit link and a button marking each open one done."""

    action = LinkColumn(verbose_name=_("Action"), row=True, orderable=False)
    due = tables.Column(verbose_name=_("Due date"))
    owner = tables.Column(verbose_name=_("Owner"))
    status = ChoiceColumn(verbose_name=_("Status"))
    completed = tables.Column(verbose_name=_("Completed on"))
    engagement = TitleColumn(verbose_name=_("Engagement"), orderable=False)
    engagement_date = ExportColumn(verbose_name=_("Engagement date"), accessor="engagement")
    actions = tables.Column(
        verbose_name=_("Actions"),
        accessor="pk",
        orderable=False,
        visible=False,
        exclude_from_export=True,
    )
    caption = _("Follow-ups, soonest due first")
    csv_order = (
        "due",
        "action",
        "owner",
        "status",
        "completed",
        "engagement",
        "engagement_date",
    )

    class Meta(EngagementsTable.Meta):
        model = FollowUp
        sequence = ("action", "due", "owner", "status", "completed", "engagement", "...")

    @property
    def request(self) -> Any:
        return self.__dict__.get("_request")

    @request.setter
    def request(self, request: Any) -> None:
        # Set by the page (RequestConfig): those who may change follow-ups get the actions.
        self.__dict__["_request"] = request
        if request is not None and request.user.has_perm(permission_name(FollowUp, "change")):
            self.columns.show("actions")

    def render_due(self, record: FollowUp) -> Any:
        if record.is_overdue():
            tag = _("Overdue")
            due = longdate(record.due)
            return format_html('{} <span class="eng-tag eng-tag--overdue">{}</span>', due, tag)
        return longdate(record.due)

    def render_completed(self, value: Any) -> str:
        return longdate(value)

    def render_action(self, record: FollowUp) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), record.action)

    def value_action(self, record: FollowUp) -> str:
        return record.action

    def render_owner(self, record: FollowUp) -> str:
        return record.owner_label

    value_owner = render_owner

    def value_due(self, record: FollowUp) -> Any:
        return record.due

    def value_completed(self, record: FollowUp) -> Any:
        return record.completed

    def value_engagement_date(self, record: FollowUp) -> Any:
        return record.engagement.start_date if record.engagement else None

    def render_actions(self, record: FollowUp) -> Any:
        request = self.request
        edit = format_html(
            '<a href="{}">{}<gcds-sr-only tag="span"> — {}</gcds-sr-only></a>',
            reverse("engagements:follow_up_edit", args=[record.pk]),
            _("Edit"),
            record.action[:40],
        )
        if record.status not in FollowUp.OPEN_STATUSES:
            return edit
        done = format_html(
            '<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="version" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<gcds-button type="submit" button-role="secondary" size="small">{}</gcds-button>'
            "</form>",
            reverse("engagements:follow_up_done", args=[record.pk]),
            get_token(request),
            record.version,
            request.get_full_path(),
            _("Mark done"),
        )
        return format_html("{} {}", edit, done)


class CommitmentTable(EngagementsTable):
    """Asks and offers."""

    description = LinkColumn(verbose_name=_("Description"), row=True, orderable=False)
    direction = ChoiceColumn(verbose_name=_("Ask or offer"))
    partner = tables.Column(verbose_name=_("Partner"), accessor="pk", orderable=False)
    status = ChoiceColumn(verbose_name=_("Status"))
    due = tables.Column(verbose_name=_("Due date"))
    engagement = TitleColumn(verbose_name=_("Engagement"), orderable=False)
    caption = _("Asks and offers")
    csv_order = ("direction", "description", "partner", "status", "due", "engagement")

    class Meta(EngagementsTable.Meta):
        model = Commitment
        sequence = ("description", "direction", "partner", "status", "due", "engagement", "...")

    def render_description(self, record: Commitment) -> Any:
        return link_to(record, record.description)

    def value_description(self, record: Commitment) -> str:
        return str(record.description)

    def render_partner(self, record: Commitment) -> str:
        return self.value_partner(record) or "—"

    def value_partner(self, record: Commitment) -> str:
        return str(getattr(record.forum, "name", "") or getattr(record.party, "name", "") or "")

    def render_due(self, value: Any) -> str:
        return longdate(value)

    def value_due(self, record: Commitment) -> Any:
        return record.due


class IrritantTable(EngagementsTable):
    """Irritants (the board is their list page; the table gives its CSV)."""

    caption = _("Irritants")

    title = TitleColumn(verbose_name=_("Title"), row=True, language_field="title")
    partner = tables.Column(verbose_name=_("Partner"), accessor="pk", orderable=False)
    kind = ChoiceColumn(verbose_name=_("Type"))
    status = ChoiceColumn(verbose_name=_("Status"))
    severity = ChoiceColumn(verbose_name=_("Severity"))
    raised_on = tables.Column(verbose_name=_("First raised"))
    resolved_on = tables.Column(verbose_name=_("Resolved on"))

    class Meta(EngagementsTable.Meta):
        model = Irritant
        sequence = ("title", "partner", "kind", "status", "severity", "raised_on", "...")

    def value_title(self, record: Irritant) -> str:
        return str(record.title)

    def render_partner(self, record: Irritant) -> str:
        return self.value_partner(record) or "—"

    def value_partner(self, record: Irritant) -> str:
        return str(getattr(record.party, "name", "") or "")

    def value_raised_on(self, record: Irritant) -> Any:
        return record.raised_on

    def value_resolved_on(self, record: Irritant) -> Any:
        return record.resolved_on


class ImportLayout(Table):
    """A list in the importer's own layout (`?format=csv&layout=import`): codes rather than
    labels, headers the importer's column names (exports.py), for a file to edit and import
    again. Only a CSV: no page shows it."""

    layout: ClassVar[list[tuple[Any, str]]] = []

    def csv_columns(self) -> list[tuple[Any, str]]:
        return [(name, name) for _key, name in self.layout]

    def csv_rows(self) -> Iterator[dict[str, Any]]:
        for record in self.data:
            yield {name: _read(record, key) for key, name in self.layout}


def _read(record: Any, key: Any) -> Any:
    return key(record) if callable(key) else getattr(record, key, None)


class EngagementImportLayout(ImportLayout):
    layout = ENGAGEMENT_IMPORT_COLUMNS

    class Meta(Table.Meta):
        model = Engagement
        fields = ()


class FollowUpImportLayout(ImportLayout):
    layout = FOLLOW_UP_IMPORT_COLUMNS

    class Meta(Table.Meta):
        model = FollowUp
        fields = ()
