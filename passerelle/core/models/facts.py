"""The binder's facts that no domain module holds yet, each cited."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models.base import InActiveLanguage, PasserelleModel


class Fact(PasserelleModel):
    """One fact of the reference data: a figure, a statement or a named item, in both languages.

    A domain module that takes over a kind of fact moves it into its own models; until then the
    fact lives here, so that no fact of the binder waits for its module.
    """

    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        PERCENT = "percent", _("percent")
        USD = "usd", _("US dollars")
        COUNT = "count", _("count")
        YEAR = "year", _("year")

    key = models.SlugField(_("key"), max_length=120, unique=True)
    section = models.SlugField(_("section"), max_length=60, db_index=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True)
    period_en = models.CharField(
        _("period (English)"),
        max_length=40,
        blank=True,
        help_text=_("What the figure measures, e.g. 2022 or mid-2023."),
    )
    period_fr = models.CharField(
        _("period (French)"),
        max_length=40,
        blank=True,
        help_text=_("What the figure measures, in French, e.g. 2022 or mi-2023."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    countries = models.ManyToManyField(
        "geo.Country", blank=True, related_name="facts", verbose_name=_("countries")
    )
    attributes = models.JSONField(
        _("attributes"),
        default=dict,
        blank=True,
        help_text=_("Further structured detail, e.g. an area office's city and counts."),
    )

    class Meta:
        ordering = ["section", "order", "key"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")

    def __str__(self) -> str:
        return self.title_en

    period = InActiveLanguage()
