"""What every form page shares: the links of its GC error summary, and the base of every record's
form (`PasserelleForm`): choices restricted to what the writer may see, the classification
capped at their clearance, the version the edit started from (core/editing.py), and links to
records the writer cannot see kept on save."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.links import many_to_many_names, with_hidden_links
from passerelle.core.text import fold

_ABOVE_CLEARANCE = _("You are cleared to %(clearance)s: a record cannot be classified above that.")
DATE_FORMAT = "%Y-%m-%d"
DATE_ERRORS = {"invalid": _("Enter a date as YYYY-MM-DD, for example 2024-03-01.")}

# The models whose choices read best sorted by their label in the active language (the others
# keep their own order: a vocabulary's order is part of it).
SORTED_BY_LABEL = {
    "geo.country",
    "partners.organization",
    "partners.forum",
    "engagements.engagement",
}


class IsoDateField(forms.DateField):
    """A date written and read one way only, YYYY-MM-DD, in both languages (a form's own
    fields; `PasserelleForm` gives its model's dates the same)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", [DATE_FORMAT])
        kwargs.setdefault("error_messages", DATE_ERRORS)
        super().__init__(**kwargs)


def error_links(
    form: forms.BaseForm, *formsets: forms.BaseFormSet, non_field_anchor: str = "main-content"
) -> str:
    """The links of a `gcds-error-summary`, which takes them as JSON (anchor → message): each
    field's first error points to its field, an error of no field to `non_field_anchor`; a
    formset's rows' errors point to their fields, the formset's own errors to its prefix."""
    links = {
        f"#{form[name].auto_id if name in form.fields else non_field_anchor}": str(errors[0])
        for name, errors in form.errors.items()
    }
    for formset in formsets:
        for error in formset.non_form_errors():
            links.setdefault(f"#{formset.prefix}", str(error))
        for row in formset.forms:
            for name, errors in row.errors.items():
                anchor = row[name].auto_id if name in row.fields else formset.prefix
                links[f"#{anchor}"] = str(errors[0])
    return json.dumps(links, ensure_ascii=False)


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
            if queryset.model._meta.label_lower in SORTED_BY_LABEL:
                records = sorted(queryset, key=lambda r: fold(choice_label(r)))
            return [(str(r.pk), choice_label(r), str(r.pk) in selected) for r in records]
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


def choice_label(record: Model) -> str:
    """A record as a choice: its `choice_label` where it has one, else its name (in the active
    language), else its text."""
    label = getattr(record, "choice_label", None)
    if callable(label):
        return str(label())
    return str(getattr(record, "name", None) or record)


class PasserelleForm(forms.ModelForm):
    """A record's form for one user: choices restricted to what the user may see, the
    classification capped at the user's clearance, and the version the edit started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    restricted_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
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
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):  # records named as the reader reads
                field.label_from_instance = choice_label  # type: ignore[method-assign,assignment]
            if isinstance(field, forms.DateField):
                field.input_formats = [DATE_FORMAT]
                field.error_messages["invalid"] = DATE_ERRORS["invalid"]
        if "classification" in self.fields:
            field = self.fields["classification"]
            field.choices = [  # type: ignore[attr-defined]
                (level.value, level.label) for level in Classification if level <= user.clearance
            ]
            field.error_messages["invalid_choice"] = _ABOVE_CLEARANCE % {
                "clearance": Classification(user.clearance).label
            }
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
                _ABOVE_CLEARANCE,
                params={"clearance": Classification(self.user.clearance).label},
                code="above_clearance",
            )
        return level
