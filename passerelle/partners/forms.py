"""The partners' edit forms: a forum, an organization, a framework (the generic edit page
renders them: core/views/generic.py)."""

from __future__ import annotations

from passerelle.core.forms import PasserelleForm
from passerelle.partners.models import Appointment, Forum, Framework, Organization, Person

NAMES = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr", "kind"]
"""How an organization, a forum or a framework is named, first in its form and in the API."""
DESCRIPTION = ["description_en", "description_fr"]
_MARKING = ["classification", "illustrative"]

PERSON_FIELDS = [
    "slug",
    "name",
    "honorific_en",
    "honorific_fr",
    "side",
    "country",
    "biography_en",
    "biography_fr",
]
"""What a person's writer fills in (the marking apart), in the order of the form and of the API
(api/people.py), so that a field added here is added to both."""

APPOINTMENT_FIELDS = ["person", "title_en", "title_fr", "organization", "country", "start", "end"]
"""What an appointment's writer fills in (the marking apart), in the order of the form and the
API."""


class ForumForm(PasserelleForm):
    class Meta:
        model = Forum
        fields = [
            *NAMES,
            "scope",
            "directed_by",
            "secretariat",
            "established",
            "website",
            *DESCRIPTION,
            *_MARKING,
        ]


class OrganizationForm(PasserelleForm):
    class Meta:
        model = Organization
        fields = [
            *NAMES,
            "iati_identifier",
            "headquarters",
            "countries",
            "website",
            *DESCRIPTION,
            *_MARKING,
        ]


class FrameworkForm(PasserelleForm):
    class Meta:
        model = Framework
        fields = [*NAMES, "adopted", "forum", "countries", *DESCRIPTION, *_MARKING]


class PersonForm(PasserelleForm):
    class Meta:
        model = Person
        fields = [*PERSON_FIELDS, *_MARKING]


class AppointmentForm(PasserelleForm):
    class Meta:
        model = Appointment
        fields = [*APPOINTMENT_FIELDS, *_MARKING]
