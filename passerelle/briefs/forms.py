"""The analyst's talking points and notes."""

from __future__ import annotations

from django import forms

from passerelle.briefs.models import BriefNote


class BriefNoteForm(forms.ModelForm):
    """A talking point or note, in English and French, at a classification."""

    class Meta:
        model = BriefNote
        fields = ["kind", "text_en", "text_fr", "classification", "order"]
