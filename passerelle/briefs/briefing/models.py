"""Events, brief requests (taskings), approval chains and approvals."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    InActiveLanguage,
    OccasionMixin,
    PasserelleModel,
    in_active_language,
)
from passerelle.core.reader import as_system
from passerelle.core.writes import changed_since_saved


class Principal(models.TextChoices):
    """Who attends, or who the brief is for."""

    MINISTER = "minister", _("Minister")
    DEPUTY_MINISTER = "deputy_minister", _("Deputy Minister")
    ASSOCIATE_DEPUTY_MINISTER = "associate_dm", _("Associate Deputy Minister")
    ADM = "adm", _("Assistant Deputy Minister")
    DIRECTOR_GENERAL = "director_general", _("Director General")
    EXECUTIVE = "executive", _("Other executive")


class Team(models.TextChoices):
    """The branch's units: who leads an event's preparation or owns a request."""

    BRANCH = "branch", _("International Affairs Branch")
    BILATERAL = "bilateral", _("Bilateral and Regional Affairs")
    MULTILATERAL = "multilateral", _("Multilateral Affairs")
    CAPACITY = "capacity", _("International Capacity Building")
    ASYLUM = "asylum", _("Asylum Policy")


class Event(OccasionMixin, PasserelleModel):
    """Something a principal attends: a forum's meeting, a bilateral visit, a ministerial, a
    conference; afterwards, the engagement it became."""

    class Kind(models.TextChoices):
        FORUM_MEETING = "forum_meeting", _("Forum meeting")
        BILATERAL_VISIT = "bilateral_visit", _("Bilateral visit")
        MINISTERIAL = "ministerial", _("Ministerial")
        CONFERENCE = "conference", _("Conference")

    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=200, blank=True)
    principal = models.CharField(_("principal attending"), max_length=20, choices=Principal.choices)
    team = models.CharField(_("team"), max_length=15, choices=Team.choices, blank=True)
    forum = models.ForeignKey(
        "partners.Forum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("forum"),
    )
    countries = models.ManyToManyField(
        "geo.Country", blank=True, related_name="events", verbose_name=_("countries concerned")
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("engagement record"),
        help_text=_("The engagement the event became, once it took place."),
    )
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_fr = models.TextField(_("notes (French)"), blank=True)

    class Meta:
        ordering = ["start_date", "title_en"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="briefing_event_ends_after_start",
            )
        ]

    notes = InActiveLanguage()

    @property
    def last_day(self) -> date:
        return self.end_date or self.start_date


class RequestKind(models.TextChoices):
    """What a request asks for. The first three are built from live data (briefs/services.py);
    the others are written documents the request tracks."""

    FUNDAMENTAL = "fundamental", _("Fundamental Brief — International Affairs")
    COUNTRY = "country", _("Country brief")
    FORUM = "forum", _("Forum brief")
    SCENARIO = "scenario", _("Scenario note")
    MEETING = "meeting", _("Meeting note")
    QUESTION_PERIOD = "question_period", _("Question Period note")
    BIOGRAPHY = "biography", _("Biography")
    BINDER = "binder", _("Binder (the occasion's briefs and notes, as one document)")


class Status(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DRAFTING = "drafting", _("Drafting")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent")


OPEN_STATUSES = (Status.REQUESTED, Status.DRAFTING, Status.IN_REVIEW)
# The author's words: a change to any of them after an approval sends the request back.
CONTENT_FIELDS = (
    "kind",
    "country_id",
    "forum_id",
    "purpose_en",
    "purpose_fr",
    "key_messages_en",
    "key_messages_fr",
)


class BriefRequest(PasserelleModel):
    """A tasking: a brief or note needed by a date, for an event and a principal, drafted by
    someone, taken through its kind's approval chain, then sent. Its purpose and key messages
    head the brief it asks for."""

    tracking_number = models.CharField(
        _("tracking number"), max_length=20, blank=True, help_text=_("Given when saved.")
    )
    kind = models.CharField(_("kind of brief or note"), max_length=20, choices=RequestKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("event"),
    )
    principal = models.CharField(_("principal"), max_length=20, choices=Principal.choices)
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brief_requests",
        verbose_name=_("country (a country brief's subject)"),
    )
    forum = models.ForeignKey(
        "partners.Forum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brief_requests",
        verbose_name=_("forum (a forum brief's subject)"),
    )
    team = models.CharField(_("team"), max_length=15, choices=Team.choices, blank=True)
    due = models.DateField(_("due"), db_index=True)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brief_requests_drafted",
        verbose_name=_("drafted by"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brief_requests_made",
        verbose_name=_("requested by"),
    )
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    purpose_fr = models.TextField(_("purpose (French)"), blank=True)
    key_messages_en = models.TextField(
        _("key messages (English)"), blank=True, help_text=_("One message a line.")
    )
    key_messages_fr = models.TextField(
        _("key messages (French)"), blank=True, help_text=_("One message a line.")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("requested on"), default=date.today)
    drafting_on = models.DateField(_("drafting since"), null=True, blank=True)
    review_on = models.DateField(_("in review since"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("brief request")
        verbose_name_plural = _("brief requests")
        constraints = [
            # Unique within a classification, as an engagement's reference (docs/clearance.md).
            models.UniqueConstraint(
                fields=["tracking_number", "classification"],
                condition=~Q(tracking_number=""),
                name="brief_request_tracking_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title_en}".strip()

    def choice_label(self) -> str:
        return f"{self.tracking_number} — {self.title}"

    title = InActiveLanguage()

    purpose = InActiveLanguage()

    @property
    def overdue(self) -> bool:
        return self.status in OPEN_STATUSES and self.due < date.today()

    def clean(self) -> None:
        super().clean()
        if self.kind == RequestKind.COUNTRY and not self.country_id:
            raise ValidationError({"country": _("A country brief needs its country.")})
        if self.kind == RequestKind.FORUM and not self.forum_id:
            raise ValidationError({"forum": _("A forum brief needs its forum.")})

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.tracking_number:
            self.tracking_number = _next_tracking_number(self)
        elif self.pk:
            _send_back_if_changed(self)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def _next_tracking_number(request: BriefRequest) -> str:
    """IA-2026-0007: the year's next number at the request's classification (unique within a
    classification, so a number never tells of a request its writer may not see)."""
    year = (request.requested_on or date.today()).year
    prefix = f"IA-{year}-"
    with as_system():
        taken = BriefRequest.objects.filter(
            classification=request.classification, tracking_number__startswith=prefix
        ).count()
    return f"{prefix}{taken + 1:04d}"


def _send_back_if_changed(request: BriefRequest) -> None:
    """A change to the author's words after an approval sends the request back to drafting."""
    if changed_since_saved(request, CONTENT_FIELDS):
        supersede_approvals(request)


def supersede_approvals(request: BriefRequest) -> bool:
    """Send `request` back to drafting if a step has approved it: the approvals given stand in
    its history, superseded. The caller saves the request. Whether it was sent back."""
    with as_system():
        given = Approval.objects.filter(request_id=request.pk, superseded=False)
        if not given.exists():
            return False
        for approval in given:
            approval.superseded = True
            approval.save()
    request.status = Status.DRAFTING
    request.drafting_on = date.today()
    request.review_on = request.approved_on = request.sent_on = None
    return True


def send_back_for_change(request_id: int | None) -> None:
    """A change to what a request's approvals approved (a part of its binder, say) sends it back
    to drafting, whoever makes the change and whatever they may see of the request."""
    if request_id is None:
        return
    with as_system():
        request = BriefRequest.objects.filter(pk=request_id).first()
        if request is not None and supersede_approvals(request):
            request.save()


class ApprovalChain(PasserelleModel):
    """The steps a kind of brief or note goes through before it is sent, set by the branch
    (e.g. analyst → director → director general → ADM): one step a line, in each language."""

    kind = models.CharField(
        _("kind of brief or note"), max_length=20, choices=RequestKind.choices, unique=True
    )
    steps_en = models.TextField(_("steps (English)"), help_text=_("One step a line, in order."))
    steps_fr = models.TextField(
        _("steps (French)"), blank=True, help_text=_("One step a line, in order.")
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("approval chain")
        verbose_name_plural = _("approval chains")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def name(self) -> str:
        return str(self.get_kind_display())

    def steps(self) -> list[str]:
        """The steps in the active language (the English where the French is not written)."""
        english = _lines(self.steps_en)
        french = _lines(self.steps_fr)
        french += [""] * (len(english) - len(french))
        return [in_active_language(en, fr) for en, fr in zip(english, french, strict=False)]

    def clean(self) -> None:
        super().clean()
        if not _lines(self.steps_en):
            raise ValidationError({"steps_en": _("Give at least one step.")})
        if self.steps_fr.strip() and len(_lines(self.steps_fr)) != len(_lines(self.steps_en)):
            raise ValidationError(
                {"steps_fr": _("Give as many steps in French as in English, in the same order.")}
            )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Approval(PasserelleModel):
    """One step of a request's approval: who approved it (or sent it back), when, with what
    comments. A change after it supersedes it."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Sent back")

    request = models.ForeignKey(
        BriefRequest, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("request")
    )
    step = models.PositiveSmallIntegerField(_("step"))
    step_name = models.CharField(_("step name"), max_length=120)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="brief_approvals",
        verbose_name=_("by"),
    )
    decided_at = models.DateTimeField(_("when"), auto_now_add=True)
    comments = models.TextField(_("comments"), blank=True)
    superseded = models.BooleanField(_("superseded by a later change"), default=False)

    class Meta:
        ordering = ["request", "decided_at", "pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.request_id} {self.step_name} {self.decision}"
