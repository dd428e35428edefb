"""Forms of the network's pages: the date the network is shown as of, the CSV import, and the
edit forms of offices, points and area offices."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import PasserelleForm
from passerelle.core.imports import ImportForm as BaseImportForm
from passerelle.network.models import AreaOffice, BiometricCollectionPoint, Office

BINDER_STAFFING_DATE = "2024-02-01"

OFFICE_FIELDS = [
    "code",
    "name_en",
    "name_fr",
    "kind",
    "city_en",
    "city_fr",
    "country",
    "area_office",
    "latitude",
    "longitude",
    "opened",
    "closed",
    "note_en",
    "note_fr",
]
"""What an office's writer fills in (its marking apart), in the order of its form and of its
record in the API (api/registry.py), so that a field added here is added to both."""

POINT_FIELDS = [
    "code",
    "name_en",
    "name_fr",
    "operator",
    "city_en",
    "city_fr",
    "country",
    "latitude",
    "longitude",
    "services",
    "status",
    "opened",
    "closed",
]
"""What a biometric collection point's writer fills in (its marking apart), in the order of its
form and the API."""

AREA_OFFICE_FIELDS = ["slug", "name_en", "name_fr", "office", "order"]
"""What an area office's writer fills in (its marking apart), in the order of its form and the
API."""

_MARKING = ["classification", "illustrative"]


class AsOfForm(forms.Form):
    """`as_of` (YYYY-MM-DD), today when not given."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2024-02-01.")},
    )

    def date(self) -> datetime.date:
        """The date asked for, or today when none was given or it was wrong."""
        if self.is_valid() and self.cleaned_data.get("as_of"):
            as_of: datetime.date = self.cleaned_data["as_of"]
            return as_of
        return timezone.localdate()


class ImportForm(BaseImportForm):
    kinds = [
        ("offices", _("Offices")),
        ("points", _("Biometric collection points")),
        ("staffing", _("Staffing snapshots")),
    ]


class OfficeForm(PasserelleForm):
    class Meta:
        model = Office
        fields = [*OFFICE_FIELDS, *_MARKING]


class PointForm(PasserelleForm):
    services = forms.MultipleChoiceField(
        label=_("Services"),
        choices=BiometricCollectionPoint.Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = BiometricCollectionPoint
        fields = [*POINT_FIELDS, *_MARKING]


class AreaOfficeForm(PasserelleForm):
    class Meta:
        model = AreaOffice
        fields = [*AREA_OFFICE_FIELDS, *_MARKING]
