"""The service standard's form (the standards' edit page, views/standards.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import PasserelleForm
from passerelle.operations.models import ServiceStandard


class StandardForm(PasserelleForm):
    class Meta:
        model = ServiceStandard
        fields = [
            "program",
            "days",
            "target",
            "notes_en",
            "notes_fr",
            "classification",
            "illustrative",
        ]

    def clean_target(self) -> float:
        value = float(self.cleaned_data["target"])
        if not 0 < value <= 1:
            raise forms.ValidationError(_("Enter a share above 0 and at most 1, such as 0.8."))
        return value
