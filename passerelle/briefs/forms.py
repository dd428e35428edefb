"""The analyst's talking points and notes; a binder and its parts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.briefs.binders.parts import PartKind
from passerelle.briefs.binders.services import freeze, latest_editions
from passerelle.briefs.models import Binder, BinderPart, BriefNote
from passerelle.core.forms import PasserelleForm

BINDER_FIELDS = [
    "title_en",
    "title_fr",
    "occasion_en",
    "occasion_fr",
    "day",
    "request",
    "classification",
    "illustrative",
]
"""What a binder's writer fills in on its cover, in the order of its form and of its record in
the API (briefs/api.py), so that a field added here is added to both."""


class BriefNoteForm(forms.ModelForm):
    """A talking point or note, in English and French, at a classification."""

    class Meta:
        model = BriefNote
        fields = ["kind", "text_en", "text_fr", "classification", "order"]


class BinderForm(PasserelleForm):
    """A binder's cover: its title and occasion in each language, its date."""

    class Meta:
        model = Binder
        fields = BINDER_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.fields["request"]
        assert isinstance(request, forms.ModelChoiceField)
        request.queryset = request.queryset.filter(kind="binder")  # type: ignore[union-attr]


class BinderPartForm(PasserelleForm):
    """One part of a binder, of the kind chosen before the form (binders/parts.py): its subject
    among those the writer may see, live or frozen at its released editions; a note written here
    takes a title and a text instead."""

    subject = forms.ChoiceField(label=_("Subject"), required=False)

    class Meta:
        model = BinderPart
        fields = [
            "subject",
            "frozen",
            "title_en",
            "title_fr",
            "text_en",
            "text_fr",
            "classification",
        ]

    def __init__(self, *args: Any, kind: PartKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind.subjects is None:
            del self.fields["subject"]
        else:
            subject = self.fields["subject"]
            assert isinstance(subject, forms.ChoiceField)
            subject.choices = [("", ""), *kind.subjects(self.user)]
            subject.required = True
        if not kind.released:
            del self.fields["frozen"]
        if not kind.written:
            del self.fields["text_en"], self.fields["text_fr"]
            self.fields["title_en"].help_text = _("Leave empty for the brief's own title.")
        else:
            self.fields["title_en"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("frozen"):
            latest = latest_editions(self.kind.key, cleaned.get("subject", ""))
            if not any(latest.values()):
                self.add_error(
                    "frozen",
                    _(
                        "This brief has no approved edition yet: ask for its approval first "
                        "(a request on the brief's page), or keep it live."
                    ),
                )
        return cleaned

    def save(self, commit: bool = True) -> Any:
        freeze(self.instance)  # a frozen part holds its released editions; a live one none
        return super().save(commit)
