"""The partners' edit forms: a forum, an organization, a framework (the generic edit page
renders them: core/views/generic.py)."""

from __future__ import annotations

from passerelle.core.forms import PasserelleForm
from passerelle.partners.models import Appointment, Forum, Framework, Organization, Person

_NAMES = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr", "kind"]
_TEXTS = ["description_en", "description_fr"]
_MARKING = ["classification", "illustrative"]


class ForumForm(PasserelleForm):
    class Meta:
        model = Forum
        fields = [
            *_NAMES,
            "scope",
            "directed_by",
            "secretariat",
            "established",
            "website",
            *_TEXTS,
            *_MARKING,
        ]


class OrganizationForm(PasserelleForm):
    class Meta:
        model = Organization
        fields = [
            *_NAMES,
            "iati_identifier",
            "headquarters",
            "countries",
            "website",
            *_TEXTS,
            *_MARKING,
        ]


class FrameworkForm(PasserelleForm):
    class Meta:
        model = Framework
        fields = [*_NAMES, "adopted", "forum", "countries", *_TEXTS, *_MARKING]


class PersonForm(PasserelleForm):
    class Meta:
        model = Person
        fields = [
            "slug",
            "name",
            "honorific_en",
            "honorific_fr",
            "side",
            "country",
            "biography_en",
            "biography_fr",
            *_MARKING,
        ]


class AppointmentForm(PasserelleForm):
    class Meta:
        model = Appointment
        fields = ["person", "title_en", "title_fr", "organization", "country", "start", "end",
                  *_MARKING]  # fmt: skip
