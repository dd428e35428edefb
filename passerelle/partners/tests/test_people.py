"""People and the titles they held: the API and the pages (generic CRUD × role × clearance ×
change log), the title held on a day, and the biography note (clearance, marking, formats)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest

from passerelle.briefs.biography import build_biography
from passerelle.briefs.services import render
from passerelle.core.classification import Classification
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import APICRUDTests
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.tests.factories import make_engagement
from passerelle.partners.models import Appointment, Person
from passerelle.partners.tests.factories import (
    make_appointment,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


class TestPersonAPI(APICRUDTests):
    model = Person
    list_url = "/api/v1/partners/people/"
    factory = make_person
    lookup_field = "slug"
    create_data: ClassVar[dict[str, Any]] = {
        "slug": "juan-ramon-de-la-fuente",
        "name": "Juan Ramón de la Fuente",
        "side": "counterpart",
    }
    update_data: ClassVar[dict[str, Any]] = {"biography_fr": "Secrétaire depuis 2024."}


class TestAppointmentAPI(APICRUDTests):
    model = Appointment
    list_url = "/api/v1/partners/titles/"
    factory = make_appointment
    update_data: ClassVar[dict[str, Any]] = {"title_fr": "Secrétaire"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {"person": make_person().slug, "title_en": "Secretary", "start": "2024-10-01"}


class TestPersonPages(PageCRUDTests):
    model = Person
    list_url = "/partners/people/"
    lookup_field = "slug"
    factory = make_person
    change = {"name": "Ana María"}

    def create_data(self) -> dict[str, Any]:
        return {"slug": "ana", "name": "Ana", "side": "canada", "classification": "0"}


def test_title_on_a_day_follows_the_titles_over_time() -> None:
    person = make_person()
    make_appointment(person=person, title_en="Ambassador", start=date(2018, 1, 1),
                     end=date(2023, 6, 30))  # fmt: skip
    make_appointment(person=person, title_en="Secretary", start=date(2024, 10, 1))
    assert person.title_on(date(2020, 5, 1)).title_en == "Ambassador"  # type: ignore[union-attr]
    assert person.title_on(date(2024, 1, 1)) is None
    assert person.title_on(date(2026, 1, 1)).title_en == "Secretary"  # type: ignore[union-attr]


def test_biography_note_withholds_and_marks_what_the_reader_may_not_see() -> None:
    person = make_person(name="Ana Ortiz", biography_en="Career diplomat.")
    secret = make_organization(name_en="Hidden Agency", classification=Classification.PROTECTED_B)
    make_appointment(person=person, title_en="Director", organization=secret)
    engagement = make_engagement(title_en="Bilateral talks in Ottawa")
    engagement.participants.create(side="counterpart", level="minister", person=person)
    cleared = make_user(clearance=Classification.PROTECTED_B)
    uncleared = make_user(clearance=Classification.UNCLASSIFIED)

    high = render(build_biography(person.slug, user=cleared, language="en"), "md").decode()
    low = render(build_biography(person.slug, user=uncleared, language="en"), "md").decode()

    assert "Hidden Agency" in high and high.startswith("**PROTECTED B**")
    assert "Bilateral talks in Ottawa" in high and "Career diplomat." in high
    assert "Hidden Agency" not in low and low.startswith("**UNCLASSIFIED**")
    french = build_biography(person.slug, user=cleared, language="fr")
    assert french.title.startswith("Biographie")
    assert any("biography_fr" in gap for gap in french.missing_french)  # no French yet: said so


def test_person_page_links_the_biography_note_in_each_format() -> None:
    person = make_person(name="Ana Ortiz")
    client = signed_in_client(make_user())
    page = client.get(f"/fr/partners/people/{person.slug}/").content.decode()
    assert f"/fr/briefs/people/{person.slug}/" in page
    note = client.get(f"/en/briefs/people/{person.slug}/?format=docx")
    assert note.status_code == 200
    assert note["Content-Type"].startswith("application/vnd.openxmlformats")


class TestAppointmentPages(PageCRUDTests):
    model = Appointment
    list_url = "/partners/people/titles/"
    factory = make_appointment
    change = {"title_en": "Undersecretary"}

    def create_data(self) -> dict[str, Any]:
        person = make_person()
        return {"person": str(person.pk), "title_en": "Secretary", "classification": "0"}

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {"person": str(instance.person_id), **self.change, "classification": "0"}

    def shown(self, instance: Any) -> str:
        return instance.title_en
