"""Where figures come from: sources, and citations that attach a source to a record or a figure."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models.base import (
    ClassifiedModel,
    InActiveLanguage,
    RestrictedModel,
    TimestampedModel,
)
from passerelle.core.visibility import raw_related


class Source(TimestampedModel, ClassifiedModel, RestrictedModel):
    """A publication, release or data file that figures are taken from."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A stable identifier, e.g. iom-wmr-2022."),
    )
    publisher_en = models.CharField(_("publisher (English)"), max_length=200)
    publisher_fr = models.CharField(_("publisher (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    edition_en = models.CharField(_("edition or release (English)"), max_length=100, blank=True)
    edition_fr = models.CharField(_("edition or release (French)"), max_length=100, blank=True)
    published = models.DateField(_("publication date"), null=True, blank=True)
    identifier = models.CharField(
        _("identifier or address"),
        max_length=500,
        blank=True,
        help_text=_("A DOI, URL, file name or other identifier."),
    )
    retrieved = models.DateField(_("retrieved"), null=True, blank=True)
    checksum = models.CharField(
        _("file checksum (SHA-256)"),
        max_length=64,
        blank=True,
        help_text=_("For a source read from a file, the checksum of the file read."),
    )

    class Meta:
        ordering = ["publisher_en", "title_en"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.publisher_en}, {self.title_en}" + (
            f" ({self.edition_en})" if self.edition_en else ""
        )

    edition = InActiveLanguage()


class Citation(TimestampedModel, RestrictedModel):
    """A source cited for a record, or for one figure (field) of it.

    It names both, so a reader sees it only when they see both (its source is a required link;
    the cited record is declared below), and it is marked as the higher of the two."""

    clearance_parents = (("cited",),)

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    cited = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("figure"),
        max_length=100,
        blank=True,
        help_text=_("The field the source supports; empty when it supports the whole record."),
    )
    locator_en = models.CharField(
        _("locator (English)"), max_length=200, blank=True, help_text=_("Page, table or section.")
    )
    locator_fr = models.CharField(
        _("locator (French)"),
        max_length=200,
        blank=True,
        help_text=_("Page, table or section, as the French edition names it."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["content_type", "object_id", "field", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source", "field"], name="unique_citation"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.source} → {self.content_type.model} {self.object_id}"

    @property
    def classification(self) -> int:
        """The higher of its source's and the cited record's classification."""
        named = (raw_related(self, "source"), raw_related(self, "cited"))
        return max(getattr(record, "classification", 0) or 0 for record in named)

    locator = InActiveLanguage()
