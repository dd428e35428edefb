"""Countries, territories and the groupings the binder uses."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import PasserelleModel


class GeoNameMixin:
    """A region, country or group named in both official languages, shown by its name in the
    active one. The French name is required with the English, so, unlike `InActiveLanguage`,
    there is no English stand-in to mark."""

    name_en: str
    name_fr: str

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_fr if get_language() == "fr" else self.name_en


class Region(GeoNameMixin, PasserelleModel):
    """A UN M49 area above the country: a region (Americas), a sub-region (Latin America and the
    Caribbean) or an intermediate region (Central America)."""

    class Level(models.TextChoices):
        REGION = "region", _("region")
        SUBREGION = "subregion", _("sub-region")
        INTERMEDIATE = "intermediate", _("intermediate region")

    code = models.CharField(_("UN M49 code"), max_length=3, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)

    class Meta:
        ordering = ["code"]
        verbose_name = _("UN M49 region")
        verbose_name_plural = _("UN M49 regions")


class Country(GeoNameMixin, PasserelleModel):
    """A country or territory, by its ISO 3166 codes, with the codes publishers use for it."""

    iso_alpha2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso_alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    iso_numeric = models.CharField(_("ISO numeric"), max_length=3, unique=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3, blank=True)
    unhcr_code = models.CharField(
        _("UNHCR code"),
        max_length=3,
        blank=True,
        help_text=_("UNHCR's own country code, which differs from ISO alpha-3 for many countries."),
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    region_m49 = models.CharField(_("M49 region"), max_length=3, blank=True)
    subregion_m49 = models.CharField(_("M49 sub-region"), max_length=3, blank=True)
    intermediate_region_m49 = models.CharField(
        _("M49 intermediate region"), max_length=3, blank=True
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")

    @property
    def region_codes(self) -> list[str]:
        """The M49 areas that contain the country, widest first."""
        codes = (self.region_m49, self.subregion_m49, self.intermediate_region_m49)
        return [code for code in codes if code]


class CountryGroup(GeoNameMixin, PasserelleModel):
    """A named group of countries: Five Eyes, MIRPS countries, EU members, the Americas…"""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    members = models.ManyToManyField(
        Country, related_name="groups", blank=True, verbose_name=_("members")
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")

    @property
    def description(self) -> str:
        """The description in the active language."""
        return self.description_fr if get_language() == "fr" else self.description_en
