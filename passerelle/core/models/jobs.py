"""A job: long work started from the web and run in the background by the queue's worker
(core/jobs/). The record says what was asked, by whom, how far it got and what came of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models.base import ClassifiedModel, RestrictedModel


class Job(ClassifiedModel, RestrictedModel):
    """One piece of background work of a registered kind (core/jobs/registry.py).

    Its reader sees it only if they started it, unless their role may change jobs
    (administrators): `clearance_owner`, applied by core/visibility.py like every other rule.
    Its classification is the highest of what the work read or produced (the result), so the
    job's page and its result file are marked, and withheld, like any record."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    FINISHED = (Status.SUCCEEDED, Status.FAILED, Status.CANCELLED)

    clearance_owner = "started_by"

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    phase = models.CharField(_("phase"), max_length=120, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_file = models.CharField(_("result file"), max_length=200, blank=True)
    result_url = models.CharField(_("result link"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    errors = models.JSONField(
        _("errors"), default=list, blank=True, help_text=_("file, row, column and reason")
    )
    illustrative = models.BooleanField(_("illustrative"), default=False)
    retry_of = models.ForeignKey(
        "self",
        verbose_name=_("run again from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )
    worker = models.CharField(_("worker"), max_length=120, blank=True)
    created = models.DateTimeField(_("queued at"), auto_now_add=True)
    started = models.DateTimeField(_("started at"), null=True, blank=True)
    finished = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ("-created", "-pk")

    def __str__(self) -> str:
        return self.title or self.kind

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int | None:
        """How far it got, in percent, when the work knows its total."""
        return min(100, round(100 * self.done / self.total)) if self.total else None

    @property
    def report(self) -> dict[str, Any]:
        """An import job's report, as core/imports/report.html reads it."""
        return {**self.result, "ok": not self.errors and not self.error, "errors": self.errors}

    @property
    def folder(self) -> Path:
        """Where its input files and its result file are kept (`JOBS_DIR`)."""
        return Path(settings.JOBS_DIR) / str(self.pk)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("jobs:job_detail", kwargs={"pk": self.pk})

    def as_row(self) -> dict[str, Any]:
        """What `passerelle jobs list` prints."""
        return {
            "id": self.pk,
            "kind": self.kind,
            "status": self.status,
            "by": self.started_by.username,
            "progress": f"{self.done}/{self.total}" if self.total else self.phase,
            "created": self.created.isoformat(timespec="seconds"),
        }
