"""Operations: the only relational records of the application data are aggregates — service
standards set by administrators and the irritant signals computed from the cube. The application
records themselves stay in Parquet files (store.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import PasserelleModel
from passerelle.core.querysets import RestrictedQuerySet
from passerelle.operations.codes import PROGRAMS


class ServiceStandard(PasserelleModel):
    """A program's service standard: the share of applications (80 %) that should be decided
    within a number of days of receipt."""

    program = models.CharField(
        _("program"),
        max_length=30,
        unique=True,
        choices=[(code, label) for code, label in PROGRAMS.items()],
    )
    days = models.PositiveIntegerField(
        _("days"), help_text=_("Days from receipt within which the decision should be made.")
    )
    target = models.FloatField(
        _("target share"),
        default=0.8,
        help_text=_("The share of decisions to make within the standard (0.8 is 80 %)."),
    )
    notes_en = models.TextField(
        _("notes (English)"),
        blank=True,
        help_text=_("What the standard covers, e.g. applications made outside Canada."),
    )
    notes_fr = models.TextField(_("notes (French)"), blank=True)

    class Meta:
        ordering = ["program"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    def __str__(self) -> str:
        return f"{self.program}: {self.days}"


class SignalQuerySet(RestrictedQuerySet["IrritantSignal"]):
    """Both metrics read the same way: higher is worse for the applicants (more refusals, more
    decisions beyond the service standard)."""

    def worth_raising(self) -> SignalQuerySet:
        """Significant changes that disfavour the citizenship: above its baseline."""
        return self.filter(significant=True, value__gt=models.F("baseline"))

    def improvements(self) -> SignalQuerySet:
        """Significant changes in the citizenship's favour: below its baseline."""
        return self.filter(significant=True, value__lt=models.F("baseline"))


class IrritantSignal(PasserelleModel):
    """A statistical test on one citizenship's decisions: its refusal rate, or its share of
    decisions beyond the service standard, in the latest twelve months against its own previous
    twelve months or against every other citizenship, with a p-value and a Benjamini–Hochberg
    adjusted q-value across all the tests of the run. An analyst may attach it to an irritant as
    evidence (engagements.Evidence). A reader sees it only with its citizenship's country."""

    clearance_codes = {"citizenship": "geo.Country.iso_alpha3"}

    class Metric(models.TextChoices):
        REFUSAL_RATE = "refusal_rate", _("Refusal rate")
        BEYOND_STANDARD = "beyond_standard", _("Decisions beyond the service standard")

    class Comparison(models.TextChoices):
        OWN_PAST = "own_past", _("Against its own previous twelve months")
        GLOBAL = "global", _("Against all other citizenships")

    citizenship = models.CharField(_("citizenship"), max_length=3, db_index=True)
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    comparison = models.CharField(_("comparison"), max_length=10, choices=Comparison.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.FloatField(_("value"), help_text=_("A share between 0 and 1."))
    count = models.PositiveIntegerField(_("decisions"))
    ci_low = models.FloatField(_("low end of the interval (95%)"))
    ci_high = models.FloatField(_("high end of the interval (95%)"))
    baseline = models.FloatField(_("baseline"))
    baseline_count = models.PositiveIntegerField(_("baseline decisions"))
    median_days = models.FloatField(_("median days"), null=True, blank=True)
    baseline_median_days = models.FloatField(_("baseline median days"), null=True, blank=True)
    z = models.FloatField(_("z statistic"))
    p_value = models.FloatField(_("p-value"))
    q_value = models.FloatField(
        _("q-value"),
        help_text=_("The p-value adjusted for every test of the run (Benjamini–Hochberg)."),
    )
    significant = models.BooleanField(_("significant"), default=False, db_index=True)

    objects = SignalQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["q_value", "citizenship"]
        verbose_name = _("irritant signal")
        verbose_name_plural = _("irritant signals")
        constraints = [
            models.UniqueConstraint(
                fields=["citizenship", "metric", "comparison", "period_end"],
                name="one_signal_per_test_and_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.citizenship} {self.metric} {self.comparison} {self.period_end:%Y-%m}"

    def choice_label(self) -> str:
        """The signal as a person names it, in the active language: the citizenship's name
        (its code when the reader may not see the country), the metric, the comparison and the
        month."""
        from passerelle.geo.models import Country

        country = Country.objects.filter(iso_alpha3=self.citizenship).first()
        citizenship = country.name if country is not None else self.citizenship
        return (
            f"{citizenship} — {self.get_metric_display()}, "
            f"{str(self.get_comparison_display()).lower()} "
            f"({self.period_end:%Y-%m})"
        )

    @property
    def difference(self) -> float:
        return self.value - self.baseline

    @property
    def worse(self) -> bool:
        """Higher refusals or more decisions beyond the standard than the baseline."""
        return self.value > self.baseline
