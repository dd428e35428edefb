"""French still to write: the English stand-in marked [EN] (one helper for pages and briefs), and
the "translation to do" page that lists every record with an empty French field, within the
reader's clearance."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from passerelle.briefs.sourcing import Writer
from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.templatetags.passerelle import localized
from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.core.text import in_language
from passerelle.engagements.tests.factories import make_topic

pytestmark = pytest.mark.django_db


def test_in_language_marks_the_english_standing_in_for_french() -> None:
    assert in_language("Asylum", "Asile", "fr") == "Asile"
    assert in_language("Asylum", "", "fr") == "[EN] Asylum"
    assert in_language("Asylum", "", "en") == "Asylum"
    assert in_language("", "", "fr") == ""


def test_pages_mark_a_missing_french_name_as_briefs_do() -> None:
    topic = make_topic(name_en="Visa policy", name_fr="")
    source = make_source(title_en="Global Trends", title_fr="")
    with translation.override("fr"):
        assert topic.name == "[EN] Visa policy"
        assert localized(source, "title") == "[EN] Global Trends"
        writer = Writer("fr")
        assert writer.text(source, "title") == localized(source, "title")
        assert writer.missing
    with translation.override("en"):
        assert topic.name == "Visa policy"


def test_a_french_page_marks_the_english_in_a_filter_choice() -> None:
    make_topic(name_en="Visa policy", name_fr="")
    make_topic(name_en="Asylum", name_fr="Asile")
    client = signed_in_client(make_user(role="viewer"))
    page = client.get("/fr/engagements/list/").content.decode()
    assert "[EN] Visa policy" in page
    assert "Asile" in page
    assert ">Asylum<" not in page


def _rows(client: Client, language: str = "fr") -> str:
    with translation.override(language):
        url = reverse("web:translation_list")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_translation_page_lists_every_field_without_french_by_kind(
    viewer_client: Client,
) -> None:
    make_topic(name_en="Visa policy", name_fr="")
    make_topic(name_en="Asylum", name_fr="Asile")
    make_source(key="trends", title_en="Global Trends", title_fr="", publisher_fr="HCR")
    page = _rows(viewer_client)
    assert "Visa policy" in page
    assert "Global Trends" in page
    assert "Asylum" not in page
    assert "Sujets" in page  # the kind, in the reader's language
    csv = viewer_client.get(reverse("web:translation_list") + "?format=csv").content.decode()
    assert "Visa policy" in csv and "Global Trends" in csv


def test_the_translation_page_holds_only_what_the_reader_may_see() -> None:
    make_topic(name_en="Protected topic zq", name_fr="", classification=Classification.PROTECTED_B)
    make_topic(name_en="Open topic zq", name_fr="")
    low: User = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    page = _rows(signed_in_client(low))
    assert "Open topic zq" in page
    assert "Protected topic zq" not in page
    assert "Protected topic zq" in _rows(signed_in_client(make_user(role="viewer")))


def test_every_model_choice_has_a_translatable_label() -> None:
    """Kinds and statuses are shown in French: every choice of every model field is marked for
    translation (gettext_lazy), so the catalogue test sees it."""
    fields = [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("passerelle.")
        for field in model._meta.concrete_fields
        if field.choices
    ]
    assert len(fields) > 40
    plain = [
        f"{model._meta.label}.{field.name}: {label!r}"
        for model, field in fields
        for _value, label in field.flatchoices
        if not isinstance(label, Promise)
    ]
    assert plain == []
