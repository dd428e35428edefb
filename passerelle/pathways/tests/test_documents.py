"""The measures in briefs: a Question Period note and a pathway brief per measure, in both
languages and the four formats, each figure with its as-of date and its source as a note; the
Fundamental Brief's and country briefs' crisis sections from the records."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.briefs.services import build_brief, render
from passerelle.core.testing import make_user
from passerelle.pathways import documents

pytestmark = pytest.mark.django_db


def test_a_qp_note_in_the_gc_layout_with_every_figure_dated_and_sourced(
    reference_data: None,
) -> None:
    note = documents.build("qp-note", "sudan-family-pathway", user=make_user(), language="en")
    assert [s.title for s in note.sections] == [
        "Issue",
        "Suggested response",
        "Supplementary response",
        "Background",
    ]
    markdown = render(note, "md").decode()
    assert "As of October 28, 2024: approved, 182 applications." in markdown
    assert "Question Period Note: Sudan (IRCC-2024-QP-00052)" in markdown
    assert "(as of October 28, 2024)." in markdown  # the note's as-of date
    assert "fewer than three published observations" in markdown
    for figure in [f for s in note.sections for f in s.figures]:
        assert figure.footnote.source


def test_the_french_note(reference_data: None) -> None:
    note = documents.build(
        "qp-note", "gaza-temporary-resident-pathway", user=make_user(), language="fr"
    )
    markdown = render(note, "md").decode()
    assert "Réponse suggérée" in markdown and "Contexte" in markdown
    assert "28 octobre" not in markdown and "4 mai 2025" in markdown
    assert not note.missing_french


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_every_format(reference_data: None, fmt: str) -> None:
    brief = documents.build("pathway", "cuaet", user=make_user(), language="en")
    assert render(brief, fmt)


def test_one_click_from_the_measures_page(viewer_client: Client, reference_data: None) -> None:
    page = viewer_client.get("/en/pathways/cuaet/").content.decode()
    assert "/en/pathways/cuaet/brief/" in page
    response = viewer_client.get(
        "/en/pathways/cuaet/brief/", {"kind": "qp-note", "lang": "fr", "format": "docx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert viewer_client.get("/en/pathways/cuaet/brief/").status_code == 200


def test_the_fundamental_briefs_crisis_section_comes_from_the_records(reference_data: None) -> None:
    brief = build_brief(kind="fundamental", user=make_user(), language="en")
    [section] = [s for s in brief.sections if s.key == "crisis-measures"]
    assert any(
        item.startswith("Gaza – temporary resident pathway: A temporary resident pathway")
        for item in section.items
    )
    assert any("5,000 applications" in f.value for f in section.figures)
    assert any("Question Period Note" in f.footnote.source for f in section.figures)


def test_a_country_brief_shows_its_measure(reference_data: None) -> None:
    brief = build_brief(kind="country", subject="SDN", user=make_user(), language="en")
    [section] = [s for s in brief.sections if s.key == "crisis-measures"]
    assert "Sudan – family-based humanitarian pathway" in section.items[0]
