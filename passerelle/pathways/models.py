"""Crisis response: the special immigration measures the binder names (Afghans, Ukrainians and
the CUAET, the Americas' 15,000, Sudan's family-based pathway, Gaza's temporary resident
pathway), what was committed, and how far along they are from what IRCC published.

A figure, a commitment or an event from outside names its source page directly (`source`, with
the locator and the words as printed): one published page per row, so two pages that disagree
are two rows, both kept, and "no figure without its source" is a NOT NULL the database holds. A
press or third-party page quoting IRCC is marked `secondary`.

A commitment or an intake cap is never overwritten: a cap raised is a new `Commitment` row of
the same `key` with the date it took effect, and a `cap_changed` event names it. The checks of
bad input (a later stage above an earlier one at the same date, an as-of date in the future, a
cap change without a date or a source) are in `clean()` (pathways/validation.py), so forms, the
API and the reference loader refuse them alike.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    BilingualNameMixin,
    InActiveLanguage,
    PasserelleModel,
    in_active_language,
)


class Unit(models.TextChoices):
    PEOPLE = "people", _("people")
    APPLICATIONS = "applications", _("applications")


class Stage(models.TextChoices):
    """The stages of the funnel, in order: a later stage never exceeds an earlier one."""

    RECEIVED = "received", _("Applications received")
    ACCEPTED = "accepted", _("Accepted into processing")
    APPROVED = "approved", _("Approved")
    ARRIVED = "arrived", _("Arrived")


STAGE_ORDER = {stage: position for position, stage in enumerate(Stage.values)}


class Pathway(BilingualNameMixin, PasserelleModel):
    """A special measure in response to an international crisis: who it is for, under which
    public policy, for which countries, with which partners."""

    class Kind(models.TextChoices):
        TEMPORARY = "temporary_residence", _("Temporary residence")
        PERMANENT = "permanent_residence", _("Permanent residence")
        RESETTLEMENT = "resettlement", _("Resettlement")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    crisis_en = models.CharField(_("crisis (English)"), max_length=200)
    crisis_fr = models.CharField(_("crisis (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    acronym_en = models.CharField(_("acronym (English)"), max_length=30, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    public_policy_en = models.CharField(_("public policy (English)"), max_length=300, blank=True)
    public_policy_fr = models.CharField(_("public policy (French)"), max_length=300, blank=True)
    binder_text_en = models.TextField(
        _("the binder's words (English)"),
        blank=True,
        help_text=_("What the transition binder says of the measure, word for word."),
    )
    binder_text_fr = models.TextField(_("the binder's words (French)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    eligibility_fr = models.TextField(_("eligibility (French)"), blank=True)
    streams_en = models.TextField(_("streams (English)"), blank=True, help_text=_("One a line."))
    streams_fr = models.TextField(_("streams (French)"), blank=True, help_text=_("One a line."))
    program_codes = models.CharField(
        _("program codes of the application records"),
        max_length=200,
        blank=True,
        help_text=_("The operations program codes of its applications, comma-separated."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    countries = models.ManyToManyField(
        "geo.Country", blank=True, related_name="pathways", verbose_name=_("countries concerned")
    )
    partners = models.ManyToManyField(
        "partners.Organization", blank=True, related_name="pathways", verbose_name=_("partners")
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("pathways:pathway_detail", kwargs={"slug": self.slug})

    crisis = InActiveLanguage()

    acronym = InActiveLanguage()

    eligibility = InActiveLanguage()

    public_policy = InActiveLanguage()

    binder_text = InActiveLanguage()

    @property
    def streams(self) -> list[str]:
        text = in_active_language(self.streams_en, self.streams_fr)
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def codes(self) -> list[str]:
        return [code.strip() for code in self.program_codes.split(",") if code.strip()]

    def clean(self) -> None:
        from passerelle.pathways.validation import check_program_codes

        check_program_codes(self)


class Sourced(models.Model):
    """A row taken from one published page: the source, where in it, its words as printed, and
    whether it is a secondary source (press or a third party quoting IRCC)."""

    source = models.ForeignKey(
        "core.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    locator_en = models.CharField(_("locator (English)"), max_length=200, blank=True)
    locator_fr = models.CharField(_("locator (French)"), max_length=200, blank=True)
    as_printed = models.TextField(
        _("as printed"), blank=True, help_text=_("The source's own words for this figure.")
    )
    secondary = models.BooleanField(
        _("secondary source"),
        default=False,
        help_text=_("A press or third-party page quoting IRCC, not IRCC's own publication."),
    )

    class Meta:
        abstract = True

    locator = InActiveLanguage()


class Commitment(Sourced, PasserelleModel):
    """One version of a target: a commitment (people to welcome) or an intake cap (applications
    accepted into processing), from the date it took effect. A raised cap is a new version of
    the same `key`; the one with the latest `effective` date holds."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("Commitment")
        INTAKE_CAP = "intake_cap", _("Intake cap")

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("pathway")
    )
    key = models.SlugField(
        _("key"), max_length=80, help_text=_("The same for every version of one target.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    target = models.PositiveIntegerField(_("target"))
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    stage = models.CharField(
        _("stage counted"),
        max_length=10,
        choices=Stage.choices,
        help_text=_("The progress figures that count toward it."),
    )
    stream = models.CharField(_("stream"), max_length=80, blank=True)
    period_en = models.CharField(_("period (English)"), max_length=120, blank=True)
    period_fr = models.CharField(_("period (French)"), max_length=120, blank=True)
    effective = models.DateField(_("in effect from"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)

    class Meta:
        ordering = ["pathway", "key", "effective"]
        verbose_name = _("commitment or cap")
        verbose_name_plural = _("commitments and caps")
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "key", "effective"], name="unique_commitment_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label_en}: {self.target:,} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("pathways:commitment_detail", kwargs={"pk": self.pk})

    label = InActiveLanguage()

    period = InActiveLanguage()

    def clean(self) -> None:
        from passerelle.pathways.validation import check_commitment

        check_commitment(self)


class PathwayEvent(Sourced, PasserelleModel):
    """A dated step of a measure's policy timeline, cited."""

    class Kind(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        OPENED = "opened", _("Opened")
        CAP_CHANGED = "cap_changed", _("Cap changed")
        INTAKE_PAUSED = "intake_paused", _("Intake paused")
        REOPENED = "reopened", _("Reopened")
        CLOSED = "closed", _("Closed")
        COMMITMENT_MET = "commitment_met", _("Commitment met")
        SUPPORTS_ENDED = "supports_ended", _("Supports ended")

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="events", verbose_name=_("pathway")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    description_en = models.CharField(_("description (English)"), max_length=400)
    description_fr = models.CharField(_("description (French)"), max_length=400)
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("commitment or cap"),
    )

    class Meta:
        ordering = ["pathway", "date", "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("pathways:event_detail", kwargs={"pk": self.pk})

    description = InActiveLanguage()

    def clean(self) -> None:
        from passerelle.pathways.validation import check_event

        check_event(self)


class ProgressFigure(Sourced, PasserelleModel):
    """A published figure of one stage of a measure's funnel, as of a date, from its source."""

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="progress", verbose_name=_("pathway")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    value = models.PositiveIntegerField(_("value"))
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=12,
        blank=True,
        choices=[("more_than", _("more than")), ("nearly", _("nearly"))],
        help_text=_("As the source rounds it: 'more than 45,800'."),
    )
    stream = models.CharField(_("stream"), max_length=80, blank=True)
    as_of = models.DateField(_("as of"))
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    note_fr = models.CharField(_("note (French)"), max_length=300, blank=True)

    class Meta:
        ordering = ["pathway", "as_of", "stage", "pk"]
        verbose_name = _("progress figure")
        verbose_name_plural = _("progress figures")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.value:,} ({self.as_of.isoformat()})"

    def get_absolute_url(self) -> str:
        return reverse("pathways:progress_detail", kwargs={"pk": self.pk})

    note = InActiveLanguage()

    @property
    def stage_position(self) -> int:
        return STAGE_ORDER[self.stage]

    def clean(self) -> None:
        from passerelle.pathways.validation import check_progress

        check_progress(self)
