"""The list of jobs: what, status, progress and when; the CSV adds who and the dates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from passerelle.core.jobs import registry
from passerelle.core.models.jobs import Job
from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table


class JobTable(Table):
    caption = _("Jobs")
    title = LinkColumn(verbose_name=_("Job"), row=True)
    kind = ExportColumn(verbose_name=_("Kind"), visible=True, orderable=False)
    status = ChoiceColumn(verbose_name=_("Status"))
    started_by = ExportColumn(verbose_name=_("Started by"), visible=True, orderable=False)
    created = ExportColumn(verbose_name=_("Queued at"), visible=True)
    finished = ExportColumn(verbose_name=_("Finished at"))

    class Meta(Table.Meta):
        model = Job
        fields = ()
        sequence = ("title", "kind", "status", "started_by", "created", "...")
        exclude = ()

    def render_title(self, record: Job) -> Any:
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), _label(record))

    def value_title(self, record: Job) -> str:
        return _label(record)

    def render_kind(self, record: Job) -> str:
        kind = registry.KINDS.get(record.kind)
        return str(kind.label) if kind else record.kind

    value_kind = render_kind

    def value_status(self, record: Job) -> str:
        return str(record.get_status_display())

    def render_started_by(self, record: Job) -> str:
        user = record.started_by
        return user.get_full_name() or user.get_username()

    value_started_by = render_started_by


def _label(job: Job) -> str:
    return f"{job.pk} · {job.title}" if job.title else str(job.pk)
