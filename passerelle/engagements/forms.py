"""Forms of the engagements' pages: an engagement with its participants, a follow-up, an
irritant. Each edit form carries the version it started from in a hidden field, so a save over
someone else's change is refused (views/editing.py); each limits its choices to the records the
user may see, and refuses a classification above the user's clearance."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import Options, PasserelleForm, Values
from passerelle.core.models import User
from passerelle.engagements.models import Commitment, Engagement, FollowUp, Irritant, Participant

ENGAGEMENT_FIELDS = [
    "reference",
    "title_en",
    "title_fr",
    "start_date",
    "end_date",
    "kind",
    "channel",
    "place_en",
    "place_fr",
    "place_country",
    "countries",
    "organizations",
    "forum",
    "topics",
    "objectives",
    "summary_en",
    "summary_fr",
    "outcomes_en",
    "outcomes_fr",
]
"""What an engagement's writer fills in (its classification apart), in the order of its form and
of its record in the API (api/serializers.py), so that a field added here is added to both."""

PARTICIPANT_FIELDS = [
    "side",
    "level",
    "name",
    "position_en",
    "position_fr",
    "country",
    "organization",
]
"""A participant as its engagement's form and the API both show it (its classification apart)."""

FOLLOW_UP_FIELDS = ["engagement", "action_en", "action_fr", "owner", "due", "status", "completed"]
"""What a follow-up's writer fills in (its classification apart), in the order of its form and
of the API."""


def _required(**messages: str | Promise) -> dict[str, dict[str, str | Promise]]:
    """A form's `Meta.error_messages` from what each field says when it is left empty (the
    dates' own wording, YYYY-MM-DD, is PasserelleForm's)."""
    return {name: {"required": message} for name, message in messages.items()}


class EngagementForm(PasserelleForm):
    """An engagement: when, what kind, where, with whom, about what, and what came of it."""

    restricted_fields = (
        "place_country",
        "countries",
        "organizations",
        "forum",
        "topics",
        "objectives",
    )

    class Meta:
        model = Engagement
        fields = [*ENGAGEMENT_FIELDS, "classification"]
        error_messages = _required(
            title_en=_("Enter the title in English."),
            title_fr=_("Enter the title in French."),
            start_date=_("Enter the start date."),
            kind=_("Choose the kind of engagement."),
            channel=_("Choose the channel."),
        )

    def _check_reference(self, data: dict[str, Any]) -> None:
        reference, level = data.get("reference"), data.get("classification")
        if reference and level is not None:
            # Among the engagements the writer sees: all of those at a level they may write.
            taken = Engagement.objects.filter(reference=reference, classification=level)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "reference",
                    _("Another engagement at this classification has this reference."),
                )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].help_text = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if not (data.get("countries") or data.get("organizations") or data.get("forum")):
            self.add_error(
                "countries",
                _("Choose at least one counterpart: a country, an organization or a forum."),
            )
        self._check_reference(data)
        return data


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [*PARTICIPANT_FIELDS, "person"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("country", "organization", "person"):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.restrict(user, "view")  # type: ignore[attr-defined]
        self.options = Options(self)
        self.values = Values(self)


class BaseParticipantFormSet(BaseInlineFormSet):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "user": self.user}

    def get_queryset(self) -> Any:
        return super().get_queryset().restrict(self.user, "view")  # type: ignore[attr-defined]


ParticipantFormSet = inlineformset_factory(
    Engagement,
    Participant,
    form=ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=2,
    can_delete=True,
)


class FollowUpForm(PasserelleForm):
    """An action that came out of an engagement."""

    restricted_fields = ("engagement",)

    class Meta:
        model = FollowUp
        fields = [*FOLLOW_UP_FIELDS, "classification"]
        error_messages = _required(
            engagement=_("Choose the engagement."),
            action_en=_("Describe the action in English."),
            owner=_("Name the person or unit responsible."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == FollowUp.Status.DONE and not data.get("completed"):
            data["completed"] = date.today()
        return data


class IrritantForm(PasserelleForm):
    """An irritant, its partner, lifecycle and severity, and where it was raised."""

    restricted_fields = ("country", "organization", "engagements")

    class Meta:
        model = Irritant
        fields = [
            "title_en",
            "title_fr",
            "kind",
            "country",
            "organization",
            "description_en",
            "description_fr",
            "status",
            "severity",
            "raised_on",
            "resolved_on",
            "engagements",
            "classification",
        ]
        labels = {
            "country": capfirst(_("partner country")),
            "organization": capfirst(_("partner organization")),
        }
        error_messages = _required(
            title_en=_("Enter the title in English."),
            title_fr=_("Enter the title in French."),
            kind=_("Choose the type of irritant."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("country") or data.get("organization")):
            self.add_error("country", _("Choose the partner: a country or an organization."))
        raised, resolved = data.get("raised_on"), data.get("resolved_on")
        if raised and resolved and resolved < raised:
            self.add_error(
                "resolved_on", _("The resolution date must be on or after the date raised.")
            )
        return data


class CommitmentForm(PasserelleForm):
    """An ask or an offer: its partner (a country, an organization or a forum), what it is,
    where it stands, and the engagement it came from."""

    restricted_fields = ("engagement", "country", "organization", "forum")

    class Meta:
        model = Commitment
        fields = [
            "direction",
            "description_en",
            "description_fr",
            "country",
            "organization",
            "forum",
            "status",
            "due",
            "engagement",
            "classification",
        ]
        error_messages = _required(
            direction=_("Choose ask or offer."),
            description_en=_("Describe the commitment in English."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country, organization = data.get("country"), data.get("organization")
        if not (country or organization or data.get("forum")):
            self.add_error(
                "country", _("Choose the partner: a country, an organization or a forum.")
            )
        elif country and organization and not data.get("forum"):
            self.add_error("organization", _("Choose a country or an organization, not both."))
        return data
