"""A project's results, as IATI models them: result → indicator → period, each period with its
target and actual (a number, or a text for a qualitative indicator), and their breakdown by sex
or age."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import InActiveLanguage, PasserelleModel
from passerelle.programs.models.projects import Project


class Result(PasserelleModel):
    """An output, outcome or impact a project aims at."""

    class Kind(models.TextChoices):
        # IATI ResultType
        OUTPUT = "1", _("Output")
        OUTCOME = "2", _("Outcome")
        IMPACT = "3", _("Impact")
        OTHER = "9", _("Other")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="results", verbose_name=_("project")
    )
    kind = models.CharField(_("type"), max_length=1, choices=Kind.choices, default=Kind.OUTPUT)
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    aggregation_status = models.BooleanField(
        _("can be added up"), default=True, help_text=_("Its data may be added to others'.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["project", "order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() if self.project else ""

    name = InActiveLanguage("title")


class Indicator(PasserelleModel):
    """How a result is measured, from a baseline."""

    class Measure(models.TextChoices):
        # IATI IndicatorMeasure
        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")
        NOMINAL = "3", _("Nominal")
        ORDINAL = "4", _("Ordinal")
        QUALITATIVE = "5", _("Qualitative")

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    measure = models.CharField(
        _("measure"), max_length=1, choices=Measure.choices, default=Measure.UNIT
    )
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_comment_en = models.CharField(
        _("baseline comment (English)"), max_length=500, blank=True
    )
    baseline_comment_fr = models.CharField(
        _("baseline comment (French)"), max_length=500, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["result", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return self.result.get_absolute_url() if self.result else ""

    name = InActiveLanguage("title")

    @property
    def qualitative(self) -> bool:
        return self.measure == self.Measure.QUALITATIVE


class IndicatorPeriod(PasserelleModel):
    """An indicator's target and actual over one period."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="periods", verbose_name=_("indicator")
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_comment_en = models.CharField(
        _("target, in words (English)"), max_length=500, blank=True
    )
    target_comment_fr = models.CharField(_("target, in words (French)"), max_length=500, blank=True)
    actual_comment_en = models.CharField(
        _("actual, in words (English)"), max_length=500, blank=True
    )
    actual_comment_fr = models.CharField(_("actual, in words (French)"), max_length=500, blank=True)

    class Meta:
        ordering = ["indicator", "start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")

    def __str__(self) -> str:
        return f"{self.indicator} {self.start}–{self.end}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url() if self.indicator else ""

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})


class Disaggregation(PasserelleModel):
    """A period's target and actual for one category of a dimension (sex: female; age: 18-59)."""

    class Dimension(models.TextChoices):
        SEX = "sex", _("Sex")
        AGE = "age", _("Age")

    period = models.ForeignKey(
        IndicatorPeriod,
        on_delete=models.CASCADE,
        related_name="disaggregations",
        verbose_name=_("indicator period"),
    )
    dimension = models.CharField(_("dimension"), max_length=3, choices=Dimension.choices)
    category = models.CharField(
        _("category"), max_length=30, help_text=_("e.g. female, male; 0-17, 18-59, 60+.")
    )
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["period", "dimension", "category"]
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "dimension", "category"], name="programs_disaggregation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.category}"

    def get_absolute_url(self) -> str:
        return self.period.get_absolute_url() if self.period else ""
