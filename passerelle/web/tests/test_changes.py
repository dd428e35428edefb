"""The change log names records and says what changed as a person reads it: the record's name
through the reader (not the raw text written at the change), the fields' labels and their old
and new values in the reader's language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord
from passerelle.core.reader import as_system
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Irritant
from passerelle.engagements.tests.factories import make_irritant
from passerelle.geo.tests.factories import make_country
from passerelle.operations.models import IrritantSignal
from passerelle.operations.tests.factories import make_signal


def url(name: str, language: str, *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def analyst(db: None):
    return make_user(role="analyst", clearance=Classification.PROTECTED_B)


@pytest.mark.parametrize(
    ("language", "label", "old", "new"),
    [("en", "Severity", "Medium", "High"), ("fr", "Gravité", "Moyenne", "Élevée")],
)
def test_an_update_shows_the_records_name_and_its_fields_old_and_new(
    analyst, language, label, old, new
):
    irritant = make_irritant(
        title_en="Visa delays for students", title_fr="Retards de visas pour étudiants"
    )
    irritant.severity = Irritant.Severity.HIGH
    irritant.save()
    client = signed_in_client(analyst)
    listing = client.get(url("web:change_list", language), {"action": "update"})
    content = listing.content.decode()
    name = irritant.title_fr if language == "fr" else irritant.title_en
    detail_url = url("engagements:irritant_detail", language, irritant.pk)
    assert f'<a href="{detail_url}">{name}</a>' in content
    assert label in content  # the changed field, in the list
    change = ChangeRecord.objects.filter(action="update").latest("pk")
    detail = client.get(url("web:change_detail", language, change.pk)).content.decode()
    assert re.search(rf"<th scope=\"row\">{label}</th><td><span class=\"value\">{old}<", detail)
    assert f'<span class="value">{new}</span>' in detail
    assert "severity</code>" not in detail


def test_a_signal_is_named_not_shown_as_its_codes(analyst):
    make_country(iso_alpha3="ZWE", iso_alpha2="ZW", name_en="Zimbabwe", name_fr="Zimbabwe")
    make_signal(  # ends 2025-12-31
        citizenship="ZWE",
        metric=IrritantSignal.Metric.BEYOND_STANDARD,
        comparison=IrritantSignal.Comparison.GLOBAL,
    )
    content = signed_in_client(analyst).get(url("web:change_list", "en")).content.decode()
    assert "ZWE beyond_standard global 2025-12" not in content
    assert "Zimbabwe — Decisions beyond the service standard" in content


def test_a_record_the_reader_may_not_see_now_is_not_named(db):
    irritant = make_irritant(title_en="A quiet irritant", title_fr="Un irritant discret")
    with as_system():
        Irritant.objects.filter(pk=irritant.pk).update(classification=Classification.PROTECTED_B)
    reader = make_user(role="analyst", clearance=Classification.UNCLASSIFIED)
    content = signed_in_client(reader).get(url("web:change_list", "en")).content.decode()
    assert "Irritant" in content  # its creation is listed, by its kind
    assert "A quiet irritant" not in content
