"""What partners and Canada hold each other to: commitments (asks and offers) and the irritants
partners raise, with their lifecycle and evidence. Each names its partner: a country, an
organization (or, for a commitment, a forum)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import InActiveLanguage, PasserelleModel
from passerelle.engagements.models.engagements import Engagement
from passerelle.partners.party import PartyModel, PartyOrForumModel, some_party


class Commitment(PartyOrForumModel, PasserelleModel):
    """An ask or an offer: what Canada committed to, or what a partner requested, and where it
    stands. A reader sees it only with one of its partners."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("Canada's commitment")
        ASK = "ask", _("Partner's request")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    direction = models.CharField(_("ask or offer"), max_length=10, choices=Direction.choices)
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("engagement"),
    )
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default="open")
    due = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        ordering = ["status", "due", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=some_party("forum"),
                name="commitment_has_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.description_en[:80]}"

    description = InActiveLanguage()


class Irritant(PartyModel, PasserelleModel):
    """A migration-related irritant a partner raises, through its lifecycle."""

    class Kind(models.TextChoices):
        VISA_FACILITATION = "visa_facilitation", _("Visa facilitation request")
        PROCESSING_DELAYS = "processing_delays", _("Visa processing delays")
        HIGH_REFUSAL_RATES = "high_refusal_rates", _("High visa refusal rates")
        RESPONSIBILITY_SHARING = "responsibility_sharing", _("Responsibility-sharing")
        PERCEIVED_BIAS = "perceived_bias", _("Perceived bias in decision-making")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESPONSE_PROVIDED = "response_provided", _("Response provided")
        RESOLVED = "resolved", _("Resolved")
        RECURRING = "recurring", _("Recurring")

    class Severity(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    OPEN_STATUSES = (Status.RAISED, Status.ACKNOWLEDGED, Status.RESPONSE_PROVIDED, Status.RECURRING)

    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    kind = models.CharField(_("type"), max_length=25, choices=Kind.choices)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="raised")
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MEDIUM
    )
    raised_on = models.DateField(_("first raised"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    engagements = models.ManyToManyField(
        Engagement,
        blank=True,
        related_name="irritants",
        verbose_name=_("engagements where it was raised"),
    )

    class Meta:
        ordering = ["-severity", "title_en"]
        verbose_name = _("irritant")
        verbose_name_plural = _("irritants")
        constraints = [models.CheckConstraint(condition=some_party(), name="irritant_has_partner")]

    def __str__(self) -> str:
        return self.title_en

    title = InActiveLanguage()

    description = InActiveLanguage()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Evidence(PasserelleModel):
    """Evidence attached to an irritant: a record of another module (an indicator observation,
    an operations signal) or a document, with what it shows."""

    irritant = models.ForeignKey(
        Irritant, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("irritant")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("record type")
    )
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    description_en = models.TextField(_("what it shows (English)"))
    description_fr = models.TextField(_("what it shows (French)"), blank=True)
    url = models.URLField(_("document address"), blank=True)

    class Meta:
        ordering = ["irritant", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description_en[:80]

    description = InActiveLanguage()
