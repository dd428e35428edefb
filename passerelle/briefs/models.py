"""Briefs: what analysts add before release (talking points, notes) and the released editions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import InActiveLanguage, PasserelleModel, in_active_language
from passerelle.core.reader import as_system
from passerelle.core.writes import changed_since_saved


class BriefKind(models.TextChoices):
    FUNDAMENTAL = "fundamental", _("Fundamental Brief — International Affairs")
    COUNTRY = "country", _("Country brief")
    FORUM = "forum", _("Forum brief")


class BriefNote(PasserelleModel):
    """A talking point or a note an analyst writes for one brief (a kind and a subject: a
    country's ISO alpha-3 code, a forum's slug, nothing for the Fundamental Brief). A reader
    sees it only with its subject."""

    clearance_codes = {"subject": "geo.Country.iso_alpha3 partners.Forum.slug"}

    class Kind(models.TextChoices):
        TALKING_POINT = "talking_point", _("Talking point")
        NOTE = "note", _("Note")

    brief_kind = models.CharField(_("brief"), max_length=15, choices=BriefKind.choices)
    subject = models.CharField(_("subject"), max_length=80, blank=True, db_index=True)
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brief_notes",
        verbose_name=_("author"),
    )

    class Meta:
        ordering = ["brief_kind", "subject", "kind", "order", "pk"]
        verbose_name = _("talking point or note")
        verbose_name_plural = _("talking points and notes")

    def __str__(self) -> str:
        return self.text_en[:80]

    text = InActiveLanguage()


class BriefEdition(PasserelleModel):
    """An approved (released) edition of a brief, kept as its Markdown with who approved it and
    when, and the request it answers where it went through an approval chain; frozen once
    saved. Two editions of the same brief can be compared. A reader sees it only with its
    subject."""

    clearance_codes = {"subject": "geo.Country.iso_alpha3 partners.Forum.slug"}

    brief_kind = models.CharField(_("brief"), max_length=15, choices=BriefKind.choices)
    subject = models.CharField(_("subject"), max_length=80, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    number = models.PositiveIntegerField(_("edition"))
    title = models.CharField(_("title"), max_length=300)
    markdown = models.TextField(_("content (Markdown)"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="brief_editions",
        verbose_name=_("released by"),
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    request = models.ForeignKey(
        "briefs.BriefRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("request"),
    )

    class Meta:
        ordering = ["-released_at", "-pk"]
        verbose_name = _("approved edition")
        verbose_name_plural = _("approved editions")
        constraints = [
            models.UniqueConstraint(
                fields=["brief_kind", "subject", "language", "number"], name="unique_brief_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language}, {self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An approved edition is frozen: its text cannot change once saved."""
        if changed_since_saved(self, FROZEN):
            raise FrozenEdition(_("An approved edition cannot be changed."))
        super().save(*args, **kwargs)


FROZEN = ("brief_kind", "subject", "language", "number", "title", "markdown")


class FrozenEdition(Exception):
    """A change to an approved edition's text."""


class Binder(PasserelleModel):
    """An ordered set of briefs and notes for one occasion (a Deputy Minister's trip to Mexico),
    printed as one document: a cover, a table of contents, a tab before each part, pages numbered
    across the whole and marked with the highest classification of what it shows. The transition
    binder is the one the branch regenerates from its standing briefs (binders/transition.py)."""

    class Kind(models.TextChoices):
        OCCASION = "occasion", _("Binder for an occasion")
        TRANSITION = "transition", _("Transition binder")

    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices, default="occasion")
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    occasion_en = models.CharField(_("occasion (English)"), max_length=250, blank=True)
    occasion_fr = models.CharField(_("occasion (French)"), max_length=250, blank=True)
    day = models.DateField(_("date of the occasion"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="binders",
        verbose_name=_("author"),
    )
    request = models.ForeignKey(
        "briefs.BriefRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="binders",
        verbose_name=_("brief request"),
        help_text=_(
            "The request for this binder: its approval chain approves the binder as a whole, "
            "and a change to a part after an approval sends it back."
        ),
    )

    class Meta:
        ordering = ["-day", "title_en", "pk"]
        verbose_name = _("binder")
        verbose_name_plural = _("binders")

    def __str__(self) -> str:
        return self.title_en

    title = InActiveLanguage()

    @property
    def occasion(self) -> str:
        return in_active_language(self.occasion_en, self.occasion_fr) if self.occasion_en else ""

    name = title  # how tables, choices and the change log name it

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A change to the cover after its request's approval sends the request back."""
        changed = changed_since_saved(self, COVER_FIELDS)
        super().save(*args, **kwargs)
        if changed:
            _send_back(self.request_id)


class BinderPart(PasserelleModel):
    """One tab of a binder: a brief or note of a registered kind (binders/parts.py) about a
    subject (a country's alpha-3 code, a forum's, a measure's or a person's slug), generated from
    live data or frozen at its released editions; or a note the author writes here (a scenario
    note). A reader sees it only with its subject."""

    clearance_codes = {
        "subject": "geo.Country.iso_alpha3 partners.Forum.slug pathways.Pathway.slug "
        "partners.Person.slug"
    }

    binder = models.ForeignKey(
        Binder, on_delete=models.CASCADE, related_name="parts", verbose_name=_("binder")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind of part"), max_length=20)
    subject = models.CharField(_("subject"), max_length=80, blank=True, db_index=True)
    frozen = models.BooleanField(
        _("frozen at its approved edition"),
        default=False,
        help_text=_("Print the approved edition instead of regenerating from live data."),
    )
    edition_en = models.ForeignKey(
        BriefEdition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("English edition"),
    )
    edition_fr = models.ForeignKey(
        BriefEdition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("French edition"),
    )
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)

    class Meta:
        ordering = ["binder", "order", "pk"]
        verbose_name = _("binder part")
        verbose_name_plural = _("binder parts")

    def __str__(self) -> str:
        return f"{self.binder}: {self.kind} {self.subject}".strip()

    def save(self, *args: Any, send_back: bool = True, **kwargs: Any) -> None:
        """A part added, changed or moved after the binder's request was approved (or while a
        step approved it) sends the request back to drafting; the approval itself, freezing the
        parts it approved, does not (`send_back=False`)."""
        super().save(*args, **kwargs)
        if send_back:
            _send_back(_request_of(self.binder_id))

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        request_id = _request_of(self.binder_id)
        deleted = super().delete(*args, **kwargs)
        _send_back(request_id)
        return deleted


COVER_FIELDS = ("title_en", "title_fr", "occasion_en", "occasion_fr", "day")


def _request_of(binder_id: int) -> int | None:
    with as_system():
        return Binder.objects.filter(pk=binder_id).values_list("request_id", flat=True).first()


def _send_back(request_id: int | None) -> None:
    from passerelle.briefs.briefing.models import send_back_for_change

    send_back_for_change(request_id)


# Briefing (events, requests, approval chains, approvals): briefs/briefing/models.py.
from passerelle.briefs.briefing.models import (  # noqa: E402
    Approval,
    ApprovalChain,
    BriefRequest,
    Event,
)

__all__ = [
    "Approval",
    "ApprovalChain",
    "Binder",
    "BinderPart",
    "BriefEdition",
    "BriefKind",
    "BriefNote",
    "BriefRequest",
    "Event",
]
