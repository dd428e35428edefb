"""A project's money: its budget by fiscal year and its transactions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models.base import ClassifiedModel, RestrictedModel
from passerelle.programs.fiscal import fiscal_year_of, validate_fiscal_year
from passerelle.programs.models.projects import Project, ProjectPart, validate_currency


class BudgetLine(ProjectPart):
    """A project's budget for one fiscal year."""

    class Status(models.TextChoices):
        # IATI BudgetStatus
        INDICATIVE = "1", _("Indicative")
        COMMITTED = "2", _("Committed")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        validators=[validate_fiscal_year],
        help_text=_("April 1 to March 31, written 2024-25."),
    )
    amount_cad = models.DecimalField(_("amount (CAD)"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("budget status"), max_length=1, choices=Status.choices, default=Status.COMMITTED
    )

    class Meta:
        ordering = ["project", "fiscal_year"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="programs_budget_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.fiscal_year}"


class Transaction(ProjectPart):
    """Money committed, paid, spent or refunded on a project, in its currency and in CAD."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("Commitment")
        DISBURSEMENT = "disbursement", _("Disbursement")
        EXPENDITURE = "expenditure", _("Expenditure")
        REFUND = "refund", _("Refund")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="transactions", verbose_name=_("project")
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, default="CAD", validators=[validate_currency]
    )
    value_cad = models.DecimalField(
        _("value (CAD)"),
        null=True,
        blank=True,
        help_text=_("Required where the currency is not the Canadian dollar."),
        max_digits=14,
        decimal_places=2,
    )
    description_en = models.CharField(_("description (English)"), max_length=250, blank=True)
    description_fr = models.CharField(_("description (French)"), max_length=250, blank=True)

    class Meta:
        ordering = ["project", "date", "pk"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        indexes = [models.Index(fields=["kind", "date"], name="programs_tx_kind_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date} {self.value} {self.currency}"

    @property
    def fiscal_year(self) -> str:
        return fiscal_year_of(self.date) if self.date else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved with its project's totals (programs/rollup.py), and its former project's if it
        moved."""
        from passerelle.programs.rollup import refresh_totals

        stored = Transaction._base_manager.filter(pk=self.pk).values_list("project_id", flat=True)
        moved_from = stored.first() if self.pk is not None else None
        super().save(*args, **kwargs)
        refresh_totals({self.project_id, moved_from})

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        from passerelle.programs.rollup import refresh_totals

        project_id = self.project_id
        deleted = super().delete(*args, **kwargs)
        refresh_totals({project_id})
        return deleted

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.value is not None and self.value <= 0:
            errors["value"] = [ValidationError(_("A transaction's value is positive."))]
        if self.currency == "CAD":
            self.value_cad = self.value
        elif self.value_cad is None:
            errors["value_cad"] = [
                ValidationError(
                    _("A transaction in %(currency)s needs its value in Canadian dollars."),
                    params={"currency": self.currency},
                )
            ]
        project = self.project if self.project_id else None
        if (
            project is not None
            and self.date is not None
            and not project.start_date <= self.date <= project.end_date
        ):
            errors["date"] = [
                ValidationError(
                    _("The date is outside the project's dates (%(start)s to %(end)s)."),
                    params={"start": project.start_date, "end": project.end_date},
                )
            ]
        if errors:
            raise ValidationError(errors)


class TransactionTotal(ClassifiedModel, RestrictedModel):
    """A project's transactions added up by fiscal year, kind, classification and illustrative
    flag: what the dashboard and the totals add up, a few rows a project instead of every
    transaction. Derived, never edited: rewritten from the project's transactions whenever one
    is saved or deleted (`Transaction.save`, `Transaction.delete`; a project's deletion takes
    its totals with it), so it always equals a recomputation (programs/rollup.py,
    `passerelle programs rebuild-totals`). A reader sees a row as they would see the
    transactions it adds up: at or below their clearance, with its project (core decides)."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="transaction_totals",
        verbose_name=_("project"),
    )
    fiscal_year = models.CharField(_("fiscal year"), max_length=7)
    kind = models.CharField(_("type"), max_length=12, choices=Transaction.Kind.choices)
    illustrative = models.BooleanField(_("illustrative"), default=False)
    value_cad = models.DecimalField(
        _("value (CAD)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    count = models.PositiveIntegerField(_("transactions"))

    class Meta:
        ordering = ["project", "fiscal_year", "kind"]
        verbose_name = _("transaction total")
        verbose_name_plural = _("transaction totals")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year", "kind", "classification", "illustrative"],
                name="programs_transaction_total_key",
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "kind"], name="programs_txtotal_year_kind")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.fiscal_year} {self.kind} {self.value_cad}"

    def get_absolute_url(self) -> str:
        """The project's page, where its transactions are."""
        return self.project.get_absolute_url() if self.project else ""
