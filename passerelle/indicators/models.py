"""Global migration indicators read from the publishers' own files, every release kept.

An `Indicator` is a series a publisher defines (UNHCR refugees by country of asylum, UN DESA
international migrant stock…). An `Observation` is one value of it for one geography and period,
from one release (`source`, a `core.Source` with its release and retrieval date). A newer release
never overwrites an older one: the older release's observations stay, marked `superseded`.
UNHCR's origin → asylum rows are kept as they are published, as `Corridor` records. Every import
is recorded as an `ImportRun`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import PasserelleModel
from passerelle.core.models.base import BilingualNameMixin, InActiveLanguage


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("percent")
    USD = "usd", _("US dollars")
    DAYS = "days", _("days")
    NUMBER = "number", _("number")


class GeographyKind(models.TextChoices):
    COUNTRY = "country", _("country or territory")
    AGGREGATE = "aggregate", _("publisher’s aggregate")
    WORLD = "world", _("world")
    OTHER = "other", _("other (unknown origin, stateless…)")


class Status(models.TextChoices):
    REPORTED = "reported", _("reported")
    ESTIMATE = "estimate", _("estimate")
    SUPPRESSED = "suppressed", _("suppressed")
    NOT_AVAILABLE = "not_available", _("not available")


class Indicator(BilingualNameMixin, PasserelleModel):
    """A series as its publisher defines it, e.g. `unhcr.refugees.asylum` or
    `wdi.BX.TRF.PWKR.CD.DT`."""

    code = models.CharField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.code

    definition = InActiveLanguage()


class ImportRun(PasserelleModel):
    """One run of an importer: the file read (name and checksum), the release it holds, what it
    read, imported, skipped and rejected, and why. Saved normally, so each run leaves one change
    record; the observations it writes are bulk-inserted (see docs/indicators.md)."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("imported")
        UNCHANGED = "unchanged", _("unchanged (file already imported)")
        FAILED = "failed", _("failed, nothing written")

    kind = models.CharField(_("kind"), max_length=40)
    file_name = models.CharField(_("file"), max_length=300)
    checksum = models.CharField(_("file checksum (SHA-256)"), max_length=64, db_index=True)
    source = models.ForeignKey(
        "core.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_imports",
        verbose_name=_("release"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    imported = models.PositiveIntegerField(_("observations imported"), default=0)
    corridors = models.PositiveIntegerField(_("corridors imported"), default=0)
    superseded = models.PositiveIntegerField(_("earlier observations superseded"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    problems = models.JSONField(
        _("rejections and skipped rows"),
        default=dict,
        blank=True,
        help_text=_("Rejected rows with their reasons, and counts of rows skipped and why."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    seconds = models.FloatField(_("duration (seconds)"), default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.outcome})"


class Observation(PasserelleModel):
    """One value of an indicator for a geography and a period, from one release. A reader sees
    it only with the country its geography names."""

    clearance_codes = {"geography": "geo.Country.iso_alpha3"}

    # Looked up through the unique constraint's index, which starts with the indicator.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
        db_index=False,
    )
    geography = models.CharField(
        _("geography"),
        max_length=20,
        help_text=_("ISO alpha-3, a publisher’s aggregate code (LMY, M49-947), or WLD."),
    )
    geography_kind = models.CharField(
        _("kind of geography"), max_length=10, choices=GeographyKind.choices
    )
    geography_name = models.CharField(_("name in the file"), max_length=200, blank=True)
    breakdown = models.CharField(
        _("breakdown"),
        max_length=200,
        blank=True,
        help_text=_("Empty for the total; otherwise e.g. sex=female or round=24;reason=Conflict."),
    )
    period = models.CharField(
        _("period"), max_length=10, help_text=_("2022, 2015-Q1 or 2026-05-13.")
    )
    period_end = models.DateField(_("end of period"))
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source = models.ForeignKey(
        "core.Source",
        on_delete=models.PROTECT,
        related_name="indicator_observations",
        verbose_name=_("source release"),
    )
    retrieved = models.DateField(_("retrieved"))
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("import run"),
        db_index=False,
    )
    superseded = models.BooleanField(
        _("superseded"),
        default=False,
        help_text=_("A newer release holds this figure; kept for the record."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["indicator", "geography", "breakdown", "period_end"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "geography", "breakdown", "period", "source"],
                name="indicators_one_value_per_release",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.geography} {self.period}"


class Corridor(PasserelleModel):
    """UNHCR's figures for one country of origin and one country of asylum in one year, as the
    publisher gives them (origin → asylum), with UNHCR's own codes kept beside ISO. A reader
    sees them only with both countries."""

    clearance_codes = {"origin": "geo.Country.iso_alpha3", "asylum": "geo.Country.iso_alpha3"}

    year = models.PositiveSmallIntegerField(_("year"))
    origin = models.CharField(_("origin (ISO alpha-3 or UNK, XXA)"), max_length=3)
    origin_unhcr = models.CharField(_("origin (UNHCR code)"), max_length=3, blank=True)
    origin_name = models.CharField(_("origin (name in the file)"), max_length=120, blank=True)
    asylum = models.CharField(_("asylum (ISO alpha-3)"), max_length=3)
    asylum_unhcr = models.CharField(_("asylum (UNHCR code)"), max_length=3, blank=True)
    asylum_name = models.CharField(_("asylum (name in the file)"), max_length=120, blank=True)
    refugees = models.BigIntegerField(_("refugees"), null=True, blank=True)
    asylum_seekers = models.BigIntegerField(_("asylum-seekers"), null=True, blank=True)
    returned_refugees = models.BigIntegerField(_("returned refugees"), null=True, blank=True)
    idps = models.BigIntegerField(_("internally displaced persons"), null=True, blank=True)
    returned_idps = models.BigIntegerField(_("returned IDPs"), null=True, blank=True)
    stateless = models.BigIntegerField(_("stateless persons"), null=True, blank=True)
    ooc = models.BigIntegerField(_("others of concern"), null=True, blank=True)
    oip = models.BigIntegerField(
        _("other people in need of international protection"), null=True, blank=True
    )
    hst = models.BigIntegerField(_("host community"), null=True, blank=True)
    source = models.ForeignKey(
        "core.Source",
        on_delete=models.PROTECT,
        related_name="unhcr_corridors",
        verbose_name=_("source release"),
    )
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("import run"),
        db_index=False,
    )
    superseded = models.BooleanField(_("superseded"), default=False)

    class Meta:
        ordering = ["year", "asylum", "origin"]
        verbose_name = _("UNHCR origin → asylum figures")
        verbose_name_plural = _("UNHCR origin → asylum figures")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "year", "origin", "origin_unhcr", "asylum", "asylum_unhcr"],
                name="indicators_one_corridor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.origin} → {self.asylum}"
