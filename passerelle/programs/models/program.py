"""The program's funding envelopes (the binder's six) with their allocations by fiscal year, and
its initiatives (GRSI, the MIRPS Support Platform, RACBI) with the binder's figures."""

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
from passerelle.programs.fiscal import validate_fiscal_year


class FundingEnvelope(BilingualNameMixin, PasserelleModel):
    """One of the program's funding envelopes (core funding, removal cooperation…)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("funding envelope")
        verbose_name_plural = _("funding envelopes")

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("programs:envelope_detail", kwargs={"slug": self.slug})

    description = InActiveLanguage()


class EnvelopeAllocation(PasserelleModel):
    """What an envelope is allocated for one fiscal year, in Canadian dollars."""

    envelope = models.ForeignKey(
        FundingEnvelope,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("funding envelope"),
    )
    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        validators=[validate_fiscal_year],
        help_text=_("April 1 to March 31, written 2024-25."),
    )
    amount_cad = models.DecimalField(_("allocation (CAD)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["envelope__order", "fiscal_year"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["envelope", "fiscal_year"], name="programs_one_allocation_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.envelope} {self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return self.envelope.get_absolute_url() if self.envelope else ""


class Initiative(BilingualNameMixin, PasserelleModel):
    """An initiative the branch runs or supports with partners, tied to the forum, the
    organizations and the countries `partners` and `geo` hold."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    acronym_en = models.CharField(_("acronym (English)"), max_length=30, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = models.CharField(
        _("precision of the date"), max_length=5, choices=Precision.choices, default="day"
    )
    forum = models.ForeignKey(
        "partners.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("forum"),
    )
    organizations = models.ManyToManyField(
        "partners.Organization",
        blank=True,
        related_name="initiatives",
        verbose_name=_("partner organizations"),
    )
    countries = models.ManyToManyField(
        "geo.Country", blank=True, related_name="initiatives", verbose_name=_("countries")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("programs:initiative_detail", kwargs={"slug": self.slug})

    acronym = InActiveLanguage()

    description = InActiveLanguage()

    @property
    def established_display(self) -> str:
        if self.established is None:
            return ""
        if self.established_precision == self.Precision.YEAR:
            return str(self.established.year)
        if self.established_precision == self.Precision.MONTH:
            return self.established.strftime("%Y-%m")
        return self.established.isoformat()


class InitiativeFigure(PasserelleModel):
    """A figure the binder gives about an initiative (1,000+ protection spaces…), as it writes
    it in each language, with its value and its citation."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="figures", verbose_name=_("initiative")
    )
    key = models.SlugField(_("key"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=250)
    label_fr = models.CharField(_("label (French)"), max_length=250)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    display_en = models.CharField(_("as written (English)"), max_length=50, blank=True)
    display_fr = models.CharField(_("as written (French)"), max_length=50, blank=True)
    period_en = models.CharField(_("period (English)"), max_length=100, blank=True)
    period_fr = models.CharField(_("period (French)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["initiative__order", "order", "key"]
        verbose_name = _("initiative figure")
        verbose_name_plural = _("initiative figures")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "key"], name="programs_figure_key")
        ]

    def __str__(self) -> str:
        return self.label_en

    def get_absolute_url(self) -> str:
        return self.initiative.get_absolute_url() if self.initiative else ""

    label = InActiveLanguage()

    @property
    def display(self) -> str:
        shown = in_active_language(self.display_en, self.display_fr)
        return shown or f"{self.value.normalize():,f}"
