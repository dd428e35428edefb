"""What a project is classified by in IATI's codelists (sectors, policy markers), and its
documents."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models.base import InActiveLanguage
from passerelle.programs import codelists
from passerelle.programs.models.projects import (
    Project,
    ProjectPart,
    validate_policy_marker,
    validate_sector,
    validate_significance,
)


class ProjectSector(ProjectPart):
    """A DAC 5-digit sector of a project, with its share."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="sectors", verbose_name=_("project")
    )
    code = models.CharField(_("DAC sector"), max_length=5, validators=[validate_sector])
    percentage = models.DecimalField(
        _("percentage"), max_digits=5, decimal_places=2, default=Decimal(100)
    )

    class Meta:
        ordering = ["project", "-percentage", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="programs_sector_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {codelists.label('Sector', self.code)}"


class PolicyMarker(ProjectPart):
    """An OECD DAC policy marker of a project (gender equality, climate…) and its significance."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="policy_markers", verbose_name=_("project")
    )
    code = models.CharField(_("policy marker"), max_length=2, validators=[validate_policy_marker])
    significance = models.CharField(
        _("significance"), max_length=1, validators=[validate_significance]
    )

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("policy marker")
        verbose_name_plural = _("policy markers")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="programs_marker_once")
        ]

    def __str__(self) -> str:
        return codelists.label("PolicyMarker", self.code)

    @property
    def significance_label(self) -> str:
        return codelists.label("PolicySignificance", self.significance)


class ProjectDocument(ProjectPart):
    """A link to a document of the project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    url = models.URLField(_("address"), max_length=500)
    category = models.CharField(_("IATI document category"), max_length=3, default="A01")

    class Meta:
        ordering = ["project", "title_en"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title_en

    name = InActiveLanguage("title")
