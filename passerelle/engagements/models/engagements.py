"""Engagements: every meeting, visit, call, dialogue, forum session or conference, who took part
at which level, the topics and the binder's objectives it advanced, and the follow-ups that came
out of it.

The controlled vocabularies (topics, the binder's seven opportunities and seven diplomacy goals)
are records, loaded from data/reference/engagements/, so both languages live in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    BilingualNameMixin,
    InActiveLanguage,
    OccasionMixin,
    PasserelleModel,
)
from passerelle.core.querysets import RestrictedQuerySet
from passerelle.engagements.owners import owner_label


class Topic(BilingualNameMixin, PasserelleModel):
    """A topic of the controlled, bilingual vocabulary: border management, asylum, labour
    mobility…"""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name_en


class Objective(BilingualNameMixin, PasserelleModel):
    """One of the binder's seven opportunities of international engagement or seven goals of
    migration and protection diplomacy, which an engagement may advance."""

    class Kind(models.TextChoices):
        OPPORTUNITY = "opportunity", _("Opportunity of engagement")
        DIPLOMACY_GOAL = "diplomacy_goal", _("Diplomacy goal")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.name_en

    description = InActiveLanguage()


class Level(models.TextChoices):
    """Levels of participation: the binder's four for Canada, and the counterparts' own."""

    MINISTER = "minister", _("Minister")
    DEPUTY_MINISTER = "deputy_minister", _("Deputy Minister")
    SENIOR_EXECUTIVE = "senior_executive", _("Senior executive")
    SUBJECT_MATTER_EXPERT = "subject_matter_expert", _("Subject-matter expert")
    REPRESENTATIVE_ABROAD = "representative_abroad", _("Representative abroad")
    HEAD_OF_ORGANIZATION = "head_of_organization", _("Head of organization")
    AMBASSADOR = "ambassador", _("Ambassador or high commissioner")
    OFFICIAL = "official", _("Official")


CANADIAN_LEVELS = (
    Level.MINISTER,
    Level.DEPUTY_MINISTER,
    Level.SENIOR_EXECUTIVE,
    Level.SUBJECT_MATTER_EXPERT,
    Level.REPRESENTATIVE_ABROAD,
)


class EngagementQuerySet(RestrictedQuerySet["Engagement"]):
    def upcoming(self, *, today: date | None = None) -> EngagementQuerySet:
        return self.filter(start_date__gte=today or date.today()).order_by("start_date")

    def past(self, *, today: date | None = None) -> EngagementQuerySet:
        return self.filter(start_date__lt=today or date.today()).order_by("-start_date")

    def with_partner(self, partner: Any) -> EngagementQuerySet:
        """Engagements with a country, an organization or a forum."""
        from passerelle.geo.models import Country
        from passerelle.partners.models import Forum, Organization

        if isinstance(partner, Country):
            return self.filter(countries=partner)
        if isinstance(partner, Organization):
            return self.filter(organizations=partner)
        if isinstance(partner, Forum):
            return self.filter(forum=partner)
        raise TypeError(f"not a partner: {partner!r}")


class Engagement(OccasionMixin, PasserelleModel):
    """A meeting, visit, call, dialogue, forum session or conference with partners."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        DIALOGUE = "dialogue", _("Dialogue")
        FORUM_SESSION = "forum_session", _("Forum session")
        CONFERENCE = "conference", _("Conference")

    class Channel(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral")
        REGIONAL = "regional", _("Regional")
        MULTILATERAL = "multilateral", _("Multilateral")

    reference = models.CharField(
        _("reference"),
        max_length=40,
        blank=True,
        help_text=_(
            "The branch's own reference for the engagement, such as a tracking number; unique "
            "among the engagements of a classification when given. An import matches on it "
            "before the title and date."
        ),
    )
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=200, blank=True)
    place_country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements_hosted",
        verbose_name=_("country where held"),
    )
    countries = models.ManyToManyField(
        "geo.Country",
        blank=True,
        related_name="engagements",
        verbose_name=_("counterpart countries"),
    )
    organizations = models.ManyToManyField(
        "partners.Organization",
        blank=True,
        related_name="engagements",
        verbose_name=_("organizations"),
    )
    forum = models.ForeignKey(
        "partners.Forum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        verbose_name=_("forum"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="engagements", verbose_name=_("topics")
    )
    objectives = models.ManyToManyField(
        Objective,
        blank=True,
        related_name="engagements",
        verbose_name=_("objectives advanced"),
    )
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    outcomes_en = models.TextField(_("outcomes (English)"), blank=True)
    outcomes_fr = models.TextField(_("outcomes (French)"), blank=True)

    objects = EngagementQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-start_date", "title_en"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="engagement_ends_after_start",
            ),
            # Unique within a classification: whoever writes an engagement sees every other
            # one at its classification, so a taken reference never tells of a hidden one.
            models.UniqueConstraint(
                fields=["reference", "classification"],
                condition=~Q(reference=""),
                name="engagement_reference_unique",
                violation_error_message=_(
                    "Another engagement at this classification has this reference."
                ),
            ),
        ]

    summary = InActiveLanguage()

    outcomes = InActiveLanguage()


class Participant(PasserelleModel):
    """Someone who took part in an engagement, on Canada's side or the counterpart's, at a
    level."""

    class Side(models.TextChoices):
        CANADA = "canada", _("Canada")
        COUNTERPART = "counterpart", _("Counterpart")

    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("engagement"),
    )
    side = models.CharField(_("side"), max_length=15, choices=Side.choices)
    level = models.CharField(_("level"), max_length=25, choices=Level.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=250, blank=True)
    position_fr = models.CharField(_("position (French)"), max_length=250, blank=True)
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagement_participants",
        verbose_name=_("country"),
    )
    organization = models.ForeignKey(
        "partners.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagement_participants",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "partners.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("person"),
        help_text=_("The person's record, where the branch keeps one (their titles over time)."),
    )

    class Meta:
        ordering = ["engagement", "side", "level"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.name or self.get_level_display()}"


class FollowUpQuerySet(RestrictedQuerySet["FollowUp"]):
    def overdue(self, *, today: date | None = None) -> FollowUpQuerySet:
        """Open or in progress, and due before today."""
        return self.filter(
            status__in=FollowUp.OPEN_STATUSES, due__lt=today or date.today()
        ).order_by("due")


class FollowUp(PasserelleModel):
    """An action that came out of an engagement: what, who owns it, by when, and where it is."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("engagement"),
    )
    action_en = models.TextField(_("action (English)"))
    action_fr = models.TextField(_("action (French)"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("The person or unit responsible.")
    )
    due = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default="open")
    completed = models.DateField(_("completed on"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.action_en[:80]

    action = InActiveLanguage()

    @property
    def owner_label(self) -> str:
        """The owner in the reader's language (engagements/owners.py)."""
        return owner_label(self.owner)

    def is_overdue(self, *, today: date | None = None) -> bool:
        return (
            self.status in self.OPEN_STATUSES
            and self.due is not None
            and self.due < (today or date.today())
        )
