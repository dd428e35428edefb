"""The overseas network: area offices, offices, biometric collection points, staffing, and which
office serves each country.

Counts are never typed: an overseas office is an office with Canada-based staff on the date asked
(so Havana, which has none, is not one), and every total is computed from these records as of a
date (services.py).
"""

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import BilingualNameMixin, PasserelleModel
from passerelle.core.querysets import RestrictedQuerySet


class DatedQuerySetMixin:
    """Records in service on a date: opened on or before it (or no date) and not yet closed."""

    def in_service(self, on: date) -> Any:
        return self.filter(  # type: ignore[attr-defined]
            models.Q(opened__isnull=True) | models.Q(opened__lte=on),
            models.Q(closed__isnull=True) | models.Q(closed__gt=on),
        )


class AreaOffice(BilingualNameMixin, PasserelleModel):
    """An area office overseas, responsible for the offices of its region (the binder's annex)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(
        _("region (English)"), max_length=150, help_text=_("The region's name as in the binder.")
    )
    name_fr = models.CharField(_("region (French)"), max_length=150)
    office = models.OneToOneField(
        "Office",
        on_delete=models.PROTECT,
        related_name="area_office_hosted",
        verbose_name=_("office"),
        help_text=_("The office that hosts the area office."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("area office")
        verbose_name_plural = _("area offices")

    def __str__(self) -> str:
        return self.name_en


class OfficeQuerySet(DatedQuerySetMixin, RestrictedQuerySet["Office"]):
    pass


class Office(BilingualNameMixin, PasserelleModel):
    """An office of the department abroad."""

    class Kind(models.TextChoices):
        VISA_OFFICE = "visa_office", _("Visa office")
        LIAISON_OFFICE = "liaison_office", _("Liaison office")
        PERMANENT_MISSION = "permanent_mission", _("Permanent mission")
        GLOBAL_OPERATIONS_CENTRE = "global_operations_centre", _("Global operations centre")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    city_en = models.CharField(_("city (English)"), max_length=100)
    city_fr = models.CharField(_("city (French)"), max_length=100)
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, related_name="offices", verbose_name=_("country")
    )
    area_office = models.ForeignKey(
        AreaOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        verbose_name=_("responsible area office"),
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    opened = models.DateField(_("opened"), null=True, blank=True)
    closed = models.DateField(_("closed"), null=True, blank=True)
    # The binder's annex writes notes on some offices (the Permanent Mission to the UN in New
    # York counted under London; Havana not counted, having no Canada-based staff): they are
    # facts about the office, kept on it, cited (field "note") and printed by the annex.
    note_en = models.TextField(
        _("note (English)"),
        blank=True,
        help_text=_("What the binder's annex says of this office; printed in the annex."),
    )
    note_fr = models.TextField(_("note (French)"), blank=True)

    objects = OfficeQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name_en

    @property
    def city(self) -> str:
        return self.city_fr if get_language() == "fr" else self.city_en

    @property
    def note(self) -> str:
        return self.note_fr if get_language() == "fr" else self.note_en


class StaffingSnapshot(PasserelleModel):
    """The staff of one office on one date: Canada-based staff and locally engaged staff."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="staffing", verbose_name=_("office")
    )
    as_of = models.DateField(_("as of"))
    canada_based = models.PositiveIntegerField(_("Canada-based staff"))
    locally_engaged = models.PositiveIntegerField(_("locally engaged staff"))
    report_en = models.CharField(
        _("report (English)"),
        max_length=150,
        blank=True,
        help_text=_("The staffing report the figures are taken from (GN Staff on Strength)."),
    )
    report_fr = models.CharField(_("report (French)"), max_length=150, blank=True)

    class Meta:
        ordering = ["office", "-as_of"]
        verbose_name = _("staffing snapshot")
        verbose_name_plural = _("staffing snapshots")
        constraints = [
            models.UniqueConstraint(fields=["office", "as_of"], name="one_snapshot_per_office_date")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.as_of}"


class BiometricCollectionPointQuerySet(
    DatedQuerySetMixin, RestrictedQuerySet["BiometricCollectionPoint"]
):
    pass


class BiometricCollectionPoint(BilingualNameMixin, PasserelleModel):
    """A place where applicants give their biometrics (fingerprints and photo)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        CLOSED = "closed", _("Closed")

    class Service(models.TextChoices):
        BIOMETRICS = "biometrics", _("Biometrics")
        VISA_APPLICATION_CENTRE = "visa_application_centre", _("Visa application centre")
        PASSPORT_RETURN = "passport_return", _("Passport return")
        MEDICAL = "medical", _("Immigration medical examination")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    operator = models.CharField(_("operator"), max_length=150, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=100)
    city_fr = models.CharField(_("city (French)"), max_length=100)
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        related_name="biometric_collection_points",
        verbose_name=_("country"),
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    services = models.JSONField(
        _("services"), default=list, blank=True, help_text=_("Codes from the list of services.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opened = models.DateField(_("opened"), null=True, blank=True)
    closed = models.DateField(_("closed"), null=True, blank=True)

    objects = BiometricCollectionPointQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["country", "name_en"]
        verbose_name = _("biometric collection point")
        verbose_name_plural = _("biometric collection points")

    def __str__(self) -> str:
        return self.name_en

    @property
    def city(self) -> str:
        return self.city_fr if get_language() == "fr" else self.city_en


class Jurisdiction(PasserelleModel):
    """Which office serves a country (its area office follows from the office), over a period."""

    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        related_name="jurisdictions",
        verbose_name=_("country"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="jurisdictions", verbose_name=_("office")
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["country", "-valid_from"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "office", "valid_from"], name="one_jurisdiction_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} → {self.office}"
