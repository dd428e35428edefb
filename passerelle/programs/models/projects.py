"""Projects (agreements) of the program: recipient, envelope, initiative, countries, value and
dates, amendments restating the total value, budget lines by fiscal year, transactions, sectors,
policy markers and documents."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import InActiveLanguage, PasserelleModel
from passerelle.core.reader import as_system
from passerelle.programs import codelists
from passerelle.programs.fiscal import fiscal_year_of
from passerelle.programs.models.program import FundingEnvelope, Initiative

# grants.yaml, ref_number: DDD-YYYY-YYYY-QX-XXXXX (department, fiscal year, quarter, sequence).
REFERENCE_NUMBER = re.compile(r"^(\d{3})-(\d{4})-(\d{4})-Q([1-4])-(\d{5})$")


def validate_reference_number(value: str) -> None:
    match = REFERENCE_NUMBER.match(value or "")
    if not match or int(match[3]) != int(match[2]) + 1:
        raise ValidationError(
            _(
                "Write the G&C reference number as DDD-YYYY-YYYY-QX-XXXXX: the department's "
                "three digits, the fiscal year (e.g. 2024-2025), the quarter Q1 to Q4 and a "
                "five-digit sequence, e.g. 039-2024-2025-Q3-00012."
            ),
            code="reference_number",
        )


def validate_currency(value: str) -> None:
    if value and value not in codelists.codelist("Currency"):
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code."), params={"code": value}
        )


def validate_sector(value: str) -> None:
    if value not in codelists.codelist("Sector"):
        raise ValidationError(
            _("%(code)s is not a DAC 5-digit sector code."), params={"code": value}
        )


def validate_policy_marker(value: str) -> None:
    if value not in codelists.codelist("PolicyMarker"):
        raise ValidationError(_("%(code)s is not an IATI policy marker."), params={"code": value})


def validate_significance(value: str) -> None:
    if value not in codelists.codelist("PolicySignificance"):
        raise ValidationError(
            _("%(code)s is not an IATI policy significance."), params={"code": value}
        )


class Project(PasserelleModel):
    """An agreement of the program with one recipient."""

    class AgreementType(models.TextChoices):
        # grants.yaml, agreement_type
        GRANT = "G", _("Grant")
        CONTRIBUTION = "C", _("Contribution")
        OTHER = "O", _("Other transfer payment")

    class RecipientType(models.TextChoices):
        # grants.yaml, recipient_type
        FOR_PROFIT = "F", _("For-profit organizations")
        NOT_FOR_PROFIT = "N", _("Not-for-profit organizations and charities")
        ACADEMIA = "S", _("Academia")
        INDIGENOUS = "A", _("Indigenous recipients")
        GOVERNMENT = "G", _("Government")
        INTERNATIONAL = "I", _("International (non-government)")
        INDIVIDUAL = "P", _("Individual or sole proprietorships")
        OTHER = "O", _("Other")

    class Status(models.TextChoices):
        PIPELINE = "pipeline", _("Pipeline")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        TERMINATED = "terminated", _("Terminated")

    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"))
    expected_results_en = models.TextField(_("expected results (English)"), blank=True)
    expected_results_fr = models.TextField(_("expected results (French)"), blank=True)
    recipient = models.ForeignKey(
        "partners.Organization",
        on_delete=models.PROTECT,
        related_name="program_projects",
        verbose_name=_("recipient"),
    )
    recipient_type = models.CharField(
        _("recipient type"), max_length=1, choices=RecipientType.choices, default="I"
    )
    recipient_city_en = models.CharField(
        _("recipient's city (English)"),
        max_length=100,
        blank=True,
        help_text=_("Where the recipient is; the proactive disclosure requires it."),
    )
    recipient_city_fr = models.CharField(_("recipient's city (French)"), max_length=100, blank=True)
    envelope = models.ForeignKey(
        FundingEnvelope,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("funding envelope"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("initiative"),
    )
    countries = models.ManyToManyField(
        "geo.Country", blank=True, related_name="program_projects", verbose_name=_("countries")
    )
    agreement_type = models.CharField(
        _("agreement type"), max_length=1, choices=AgreementType.choices, default="G"
    )
    value_cad = models.DecimalField(
        _("original value (CAD)"),
        help_text=_("The agreement's value when signed; amendments restate it."),
        max_digits=14,
        decimal_places=2,
    )
    currency = models.CharField(
        _("agreement currency"),
        max_length=3,
        blank=True,
        validators=[validate_currency],
        help_text=_("Only where the agreement is in another currency than the Canadian dollar."),
    )
    value_foreign = models.DecimalField(
        _("original value (agreement currency)"),
        null=True,
        blank=True,
        max_digits=14,
        decimal_places=2,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PIPELINE
    )
    reference_number = models.CharField(
        _("G&C reference number"),
        max_length=22,
        unique=True,
        validators=[validate_reference_number],
        help_text=_("DDD-YYYY-YYYY-QX-XXXXX, e.g. 039-2024-2025-Q3-00012."),
    )
    agreement_number = models.CharField(_("agreement number"), max_length=50, blank=True)
    iati_identifier = models.CharField(
        _("IATI activity identifier"),
        max_length=150,
        blank=True,
        help_text=_("The reporting organization's identifier, a hyphen, the project's own."),
    )
    published = models.BooleanField(
        _("published to IATI"), default=False, help_text=_("Included in the IATI activity file.")
    )

    class Meta:
        ordering = ["-start_date", "reference_number"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("programs:project_detail", kwargs={"pk": self.pk})

    name = InActiveLanguage("title")

    @property
    def title(self) -> str:
        return self.name

    description = InActiveLanguage()

    expected_results = InActiveLanguage()

    @property
    def fiscal_year(self) -> str:
        return fiscal_year_of(self.start_date) if self.start_date else ""

    def current_value(self) -> Decimal:
        """The total value as last restated (the original value before any amendment)."""
        last = self.amendments.order_by("-number").first()
        return last.total_value_cad if last is not None else self.value_cad

    def disbursed(self) -> Decimal:
        """Disbursed less refunds, in CAD, over every transaction, seen or not: a rule of the
        agreement (an amendment not below it) cannot depend on who checks it."""
        with as_system():
            return self.disbursed_seen()

    def disbursed_seen(self) -> Decimal:
        """Disbursed less refunds, in CAD, over the transactions the reader may see."""
        from passerelle.programs.models.finance import Transaction

        rows = Transaction.objects.filter(project=self).values("kind")
        totals = {r["kind"]: r["total"] for r in rows.annotate(total=Sum("value_cad"))}
        paid = totals.get(Transaction.Kind.DISBURSEMENT) or Decimal(0)
        return paid - (totals.get(Transaction.Kind.REFUND) or Decimal(0))

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(
                ValidationError(_("The end date is before the start date."))
            )
        if self.currency == "CAD":
            self.currency = ""
        if self.currency and self.value_foreign is None:
            errors.setdefault("value_foreign", []).append(
                ValidationError(_("Give the value in the agreement's currency."))
            )
        if self.value_foreign is not None and not self.currency:
            errors.setdefault("currency", []).append(
                ValidationError(_("Name the currency of the value in another currency."))
            )
        if self.value_cad is not None and self.value_cad < 0:
            errors.setdefault("value_cad", []).append(
                ValidationError(_("A value cannot be negative."))
            )
        if errors:
            raise ValidationError(errors)


class ProjectPart(PasserelleModel):
    """A record of one project, shown on the project's page."""

    project: models.ForeignKey[Project, Project]

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() if self.project else ""


class Amendment(ProjectPart):
    """An amendment to an agreement: it restates the agreement's TOTAL value (not the change),
    as the proactive disclosure reports it; a termination is an amendment too."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("amendment number"))
    date = models.DateField(_("amendment date"))
    total_value_cad = models.DecimalField(
        _("total value after amendment (CAD)"), max_digits=14, decimal_places=2
    )
    total_value_foreign = models.DecimalField(
        _("total value after amendment (agreement currency)"),
        null=True,
        blank=True,
        max_digits=14,
        decimal_places=2,
    )
    end_date = models.DateField(
        _("new end date"), null=True, blank=True, help_text=_("Where the amendment extends it.")
    )
    reason_en = models.TextField(_("reason (English)"))
    reason_fr = models.TextField(_("reason (French)"))
    termination = models.BooleanField(_("termination"), default=False)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="programs_amendment_number")
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.number}"

    reason = InActiveLanguage()

    def clean(self) -> None:
        project = self.project if self.project_id else None
        if project is None:
            return
        if self.number is not None and self.number < 1:
            raise ValidationError(
                {"number": _("Amendments are numbered from 1 (0 is the original).")}
            )
        disbursed = project.disbursed()
        if self.total_value_cad is not None and self.total_value_cad < disbursed:
            raise ValidationError(
                {
                    "total_value_cad": _(
                        "The total value (%(value)s CAD) cannot be below what is already "
                        "disbursed (%(disbursed)s CAD)."
                    )
                    % {"value": self.total_value_cad, "disbursed": disbursed}
                }
            )
        if project.currency and self.total_value_foreign is None:
            raise ValidationError(
                {"total_value_foreign": _("Give the total in the agreement's currency too.")}
            )
        if self.date and project.start_date and self.date < project.start_date:
            raise ValidationError({"date": _("The amendment is dated before the agreement.")})
