"""The briefing forms: an event, a request, an approval chain (the generic edit page renders
them), and the decision on a request's next approval step."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from passerelle.briefs.briefing.models import ApprovalChain, BriefRequest, Event
from passerelle.core.forms import PasserelleForm

_MARKING = ["classification", "illustrative"]

EVENT_FIELDS = [
    "title_en",
    "title_fr",
    "kind",
    "start_date",
    "end_date",
    "place_en",
    "place_fr",
    "principal",
    "team",
    "forum",
    "countries",
    "engagement",
    "notes_en",
    "notes_fr",
    *_MARKING,
]
"""What an event's writer fills in, in the order of its form and of its record in the API
(briefing/api.py), so that a field added here is added to both."""

REQUEST_TASKING = [
    "kind",
    "title_en",
    "title_fr",
    "event",
    "principal",
    "country",
    "forum",
    "team",
    "due",
    "drafter",
]
"""What is asked, for whom, by when and of whom: a request's form opens with it, its record in the
API with it after the tracking number."""

REQUEST_CONTENT = ["purpose_en", "purpose_fr", "key_messages_en", "key_messages_fr"]
"""The request's purpose and key messages, after the tasking in its form and the API."""


class EventForm(PasserelleForm):
    class Meta:
        model = Event
        fields = EVENT_FIELDS


class BriefRequestForm(PasserelleForm):
    """A request; a change to its purpose, key messages or subject after an approval sends it
    back to drafting (briefing/models.py)."""

    class Meta:
        model = BriefRequest
        fields = [*REQUEST_TASKING, *REQUEST_CONTENT, *_MARKING]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        drafter = self.fields["drafter"]
        drafter.queryset = get_user_model().objects.filter(is_active=True).order_by("username")  # type: ignore[attr-defined]
        drafter.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]


class ApprovalChainForm(PasserelleForm):
    class Meta:
        model = ApprovalChain
        fields = ["kind", "steps_en", "steps_fr", *_MARKING]


class DecisionForm(forms.Form):
    """The next step's decision on a request in review."""

    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea)
