"""The binder's envelopes and initiatives, loaded by load-reference, cited, in both languages; the
facts they replace are gone from the fact table."""

from __future__ import annotations

from typing import Any

import pytest

from passerelle.core.models import Fact
from passerelle.programs.models import FundingEnvelope, Initiative, InitiativeFigure

BINDER = "ircc-dm-transition-binder-2024"


@pytest.mark.django_db
def test_the_six_envelopes_and_three_initiatives_are_loaded_and_cited(reference_data: None) -> None:
    envelopes = list(FundingEnvelope.objects.all())
    assert [e.slug for e in envelopes] == [
        "core",
        "removal-cooperation",
        "americas",
        "venezuela-hosting",
        "afghanistan-neighbours",
        "climate-mobility",
    ]
    records: list[Any] = [*envelopes, *Initiative.objects.all(), *InitiativeFigure.objects.all()]
    for record in records:
        assert record.name_fr if hasattr(record, "name_fr") else record.label_fr
        assert {c.source.key for c in record.citations.all()} == {BINDER}
    grsi: Any = Initiative.objects.get(slug="grsi")
    assert grsi.established.isoformat() == "2016-12-01" and grsi.established_display == "2016-12"
    assert grsi.forum.slug == "grsi"
    spaces = grsi.figures.get(key="grsi-protection-spaces")
    assert (spaces.value, spaces.display_en, spaces.display_fr) == (1000, "1,000+", "plus de 1 000")
    mirps = Initiative.objects.get(slug="mirps-support-platform")
    assert sorted(mirps.countries.values_list("iso_alpha3", flat=True)) == sorted(
        ["BLZ", "CRI", "SLV", "GTM", "HND", "PAN", "MEX"]
    )
    racbi: Any = Initiative.objects.get(slug="racbi")
    assert racbi.established.year == 2015
    assert {o.slug for o in racbi.organizations.all()} == {"unhcr"}
    assert sorted(racbi.countries.values_list("iso_alpha3", flat=True)) == ["CAN", "MEX", "USA"]


@pytest.mark.django_db
def test_the_facts_moved_into_the_records_are_gone(reference_data: None) -> None:
    keys = set(Fact.objects.filter(section="capacity-building").values_list("key", flat=True))
    assert keys == {"capacity-building-purpose", "imcbp"}


@pytest.mark.django_db
def test_a_second_load_writes_nothing() -> None:
    from django.conf import settings

    from passerelle.core.reference import load_reference

    directory = settings.PROJECT_DIR / "data" / "reference"
    load_reference(directory)
    again = load_reference(directory)
    assert again.apps["programs"] == {
        "funding envelope unchanged": 6,
        "citation unchanged": 12,
        "initiative unchanged": 3,
        "initiative figure unchanged": 3,
    }
