"""Forms of the engagements' pages: an engagement with its participants, a follow-up, an
irritant. Each edit form carries the version it started from in a hidden field, so a save over
someone else's change is refused (views/editing.py); each limits its choices to the records the
user may see, and refuses a classification above the user's clearance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.links import many_to_many_names, with_hidden_links
from passerelle.core.models import User
from passerelle.engagements.models import Engagement, FollowUp, Irritant, Participant
from passerelle.geo.models import Country
from passerelle.geo.text import fold
from passerelle.partners.models import Forum, Organization

DATE_FORMAT = "%Y-%m-%d"
DATE_ERRORS = {"invalid": _("Enter a date as YYYY-MM-DD, for example 2024-03-01.")}


def _date_field(model_field: Any, **kwargs: Any) -> forms.Field:
    return model_field.formfield(input_formats=[DATE_FORMAT], error_messages=DATE_ERRORS, **kwargs)


class Options:
    """`form.options.<field>` in a template: the field's choices as (value, label, selected),
    sorted by label in the active language (a vocabulary keeps its own order)."""

    def __init__(self, form: forms.BaseForm) -> None:
        self._form = form

    def __getitem__(self, name: str) -> list[tuple[str, str, bool]]:
        field = self._form.fields[name]
        value = self._form[name].value()
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        queryset = getattr(field, "queryset", None)
        if queryset is not None:
            records: Iterable[Model] = queryset
            if queryset.model in (Country, Organization, Forum, Engagement):
                records = sorted(queryset, key=lambda r: fold(_label(r)))
            return [(str(r.pk), _label(r), str(r.pk) in selected) for r in records]
        choices = getattr(field, "choices", [])
        return [(str(v), str(label), str(v) in selected) for v, label in choices if v != ""]


class Values:
    """`form.values.<field>` in a template: the field's value as the text of an input (dates in
    ISO 8601, never localized; nothing for None)."""

    def __init__(self, form: forms.BaseForm) -> None:
        self._form = form

    def __getitem__(self, name: str) -> str:
        value = self._form[name].value()
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


def _label(record: Model) -> str:
    if isinstance(record, Engagement):
        return f"{record.start_date} — {record.title}"
    return str(getattr(record, "name", record))


class PasserelleForm(forms.ModelForm):
    """A record's form for one user: choices restricted to what the user may see, the
    classification capped at the user's clearance, and the version the edit started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    restricted_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.restricted_fields:
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.restrict(user, "view")  # type: ignore[attr-defined]
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "This form lost the version it started from: open the record again."
            )
        self.options = Options(self)
        self.values = Values(self)

    @property
    def classification_choices(self) -> list[tuple[int, str, bool]]:
        current = str(self["classification"].value())
        return [
            (level.value, str(level.label), str(level.value) == current)
            for level in Classification
            if level <= self.user.clearance
        ]

    def _save_m2m(self) -> None:
        # Links to records the user cannot see are not offered, so they must not be removed.
        for name in many_to_many_names(self._meta.model):
            if name in self.cleaned_data:
                self.cleaned_data[name] = with_hidden_links(
                    instance=self.instance,
                    field=name,
                    chosen=self.cleaned_data[name],
                    user=self.user,
                )
        super()._save_m2m()  # type: ignore[misc]

    def clean_classification(self) -> int:
        level = int(self.cleaned_data["classification"])
        if level > self.user.clearance:
            raise ValidationError(
                _("You are cleared to %(clearance)s: a record cannot be classified above that."),
                params={"clearance": Classification(self.user.clearance).label},
                code="above_clearance",
            )
        return level


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
        fields = [
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
            "classification",
        ]

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
        for name in ("start_date", "end_date"):
            self.fields[name] = _date_field(Engagement._meta.get_field(name))
        self.fields["reference"].help_text = ""
        self.fields["title_en"].error_messages["required"] = _("Enter the title in English.")
        self.fields["title_fr"].error_messages["required"] = _("Enter the title in French.")
        self.fields["start_date"].error_messages["required"] = _("Enter the start date.")
        self.fields["kind"].error_messages["required"] = _("Choose the kind of engagement.")
        self.fields["channel"].error_messages["required"] = _("Choose the channel.")

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
        fields = ["side", "level", "name", "position_en", "position_fr", "country", "organization"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("country", "organization"):
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
        fields = [
            "engagement",
            "action_en",
            "action_fr",
            "owner",
            "due",
            "status",
            "completed",
            "classification",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("due", "completed"):
            self.fields[name] = _date_field(FollowUp._meta.get_field(name))
        self.fields["engagement"].error_messages["required"] = _("Choose the engagement.")
        self.fields["action_en"].error_messages["required"] = _("Describe the action in English.")
        self.fields["owner"].error_messages["required"] = _("Name the person or unit responsible.")

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("raised_on", "resolved_on"):
            self.fields[name] = _date_field(Irritant._meta.get_field(name))
        self.fields["title_en"].error_messages["required"] = _("Enter the title in English.")
        self.fields["title_fr"].error_messages["required"] = _("Enter the title in French.")
        self.fields["kind"].error_messages["required"] = _("Choose the type of irritant.")

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
