"""Binders: one PDF and one DOCX whose pages are numbered across the parts and marked with the
highest classification of what the reader is shown; a part frozen at its released edition; the
parts' order on the binder's page; the transition binder."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from docx import Document

from passerelle.briefs.binders.frozen import frozen_brief
from passerelle.briefs.binders.generate import generate
from passerelle.briefs.binders.transition import regenerate
from passerelle.briefs.document import Brief
from passerelle.briefs.editions import release
from passerelle.briefs.models import Binder, BinderPart, BriefEdition
from passerelle.briefs.sections import Figure, Footnote, Section, Table
from passerelle.core.classification import Classification
from passerelle.core.leaktest.documents import docx_text
from passerelle.core.models import User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.tests.factories import make_engagement
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_appointment, make_forum, make_person

pytestmark = pytest.mark.django_db

PA, PB = Classification.PROTECTED_A, Classification.PROTECTED_B


def _brief(subject: str, source: str) -> Brief:
    section = Section(
        key="figures",
        title="Key facts",
        paragraphs=["A paragraph | with a bar."],
        items=["First item", "Second item"],
        figures=[Figure("Refugees hosted", "150,836", Footnote(source, "end of 2024"), True)],
        tables=[Table("Offices", ["Office", "Staff"], [["Mexico City", "12"]], Footnote(source))],
    )
    return Brief("country", subject, "en", f"Country brief: {subject}", "", date(2026, 1, 5),
                 sections=[section])  # fmt: skip


def _frozen_part(binder: Binder, order: int, source: str, user: User) -> BinderPart:
    country = make_country()
    edition = release(_brief(country.iso_alpha3, source), user=user)
    return BinderPart.objects.create(
        binder=binder, order=order, kind="country", subject=country.iso_alpha3, frozen=True,
        edition_en=edition,
    )  # fmt: skip


@pytest.fixture
def binder() -> Binder:
    """Five tabs: a scenario note, two frozen country briefs (one footnote each), a Protected A
    note, a biography."""
    author = make_user(role="analyst", clearance=PB)
    binder = Binder.objects.create(title_en="Visit to Mexico", title_fr="Visite au Mexique")
    BinderPart.objects.create(binder=binder, order=1, kind="note", title_en="Scenario note",
                              text_en="Day 1.\n\nDay 2.")  # fmt: skip
    _frozen_part(binder, 2, "Source Alpha", author)
    _frozen_part(binder, 3, "Source Beta", author)
    BinderPart.objects.create(binder=binder, order=4, kind="note", title_en="Sensitive annex",
                              text_en="Positions.", classification=PA)  # fmt: skip
    person = make_person(name="Ana Ortiz")
    make_appointment(person=person, title_en="Secretary of Foreign Affairs")
    BinderPart.objects.create(binder=binder, order=5, kind="biography", subject=person.slug)
    return binder


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    return text.split("\f")[:-1]


def test_pdf_numbers_pages_across_parts_and_marks_every_page(binder: Binder) -> None:
    made = generate(binder, "en", "pdf", make_user(clearance=PA))
    pages = _pages(made.content)
    assert made.marking == "PROTECTED A"
    assert len(pages) >= 11  # a cover, then a tab and at least a page for each of five parts
    for number, page in enumerate(pages, start=1):
        assert "PROTECTED A" in page, number
        assert f"Page {number} of {len(pages)}" in page, number
    whole = "\n".join(pages)
    for tab, title in enumerate(["Scenario note", "Sensitive annex", "Biography: Ana Ortiz"]):
        assert title in whole, tab
    assert "Tab 5" in pages[0]  # the contents
    # Each part keeps its own notes, numbered from 1.
    assert any("1. Source Alpha (as of end of 2024)." in page for page in pages)
    assert any("1. Source Beta (as of end of 2024)." in page for page in pages)


def test_a_reader_gets_only_the_parts_they_may_see_and_that_marking(binder: Binder) -> None:
    # (the PDF as each reader gets it: the leak test's crawl of the binder's downloads)
    reader = make_user(clearance=Classification.UNCLASSIFIED)
    word = generate(binder, "fr", "docx", reader)
    assert word.marking == "NON CLASSIFIÉ"
    text = docx_text(word.content)
    assert "Sensitive annex" not in text and "PROTÉGÉ" not in text
    assert "Onglet 4" in text and "Onglet 5" not in text  # four tabs, numbered without a gap
    assert "Table des matières" in text and "Rédigé pour ce cahier" in text


def test_docx_has_the_tabs_their_notes_and_the_marking_in_every_header(binder: Binder) -> None:
    made = generate(binder, "en", "docx", make_user(clearance=PB))
    document = Document(io.BytesIO(made.content))

    def styled(name: str) -> list[str]:
        return [p.text for p in document.paragraphs if p.style and p.style.name == name]

    headings = styled("Heading 1")
    assert headings[:3] == ["Contents", "Scenario note", "Country brief: " + headings[2][15:]]
    assert "Sensitive annex" in headings
    notes = styled("Heading 2")
    assert "Notes — Tab 2" in notes and "Notes — Tab 3" in notes
    header = document.sections[0].header.paragraphs[0].text
    assert header == "PROTECTED A"
    assert "PAGE" in document.sections[0].footer._element.xml


def test_a_frozen_part_reads_back_its_released_edition() -> None:
    user = make_user(role="analyst")
    brief = _brief("XXA", "Source Alpha")
    edition = release(brief, user=user)
    again = frozen_brief(BriefEdition.objects.get(pk=edition.pk))
    [section] = again.sections
    [original] = brief.sections
    assert section.title == original.title
    assert section.paragraphs == original.paragraphs and section.items == original.items
    assert section.figures == original.figures
    assert section.tables == original.tables


def test_parts_are_added_moved_and_removed_with_buttons(binder: Binder) -> None:
    client = signed_in_client(make_user(role="analyst", clearance=PB))
    page = client.get(f"/en/briefs/binders/{binder.pk}/").content.decode()
    assert page.count(">Move up</button>") == 5 and page.count(">Move down</button>") == 5
    note = client.post(
        f"/en/briefs/binders/{binder.pk}/parts/add/?kind=note",
        {"title_en": "Key messages", "text_en": "Say this.", "classification": "0"},
    )
    assert note.status_code == 302
    added = binder.parts.get(title_en="Key messages")
    assert added.order == 6
    client.post(f"/en/briefs/binders/parts/{added.pk}/move/up/")
    assert [p.title_en for p in binder.parts.all()][4:] == ["Key messages", ""]
    client.post(f"/en/briefs/binders/parts/{added.pk}/remove/")
    assert list(binder.parts.values_list("order", flat=True)) == [1, 2, 3, 4, 5]
    viewer = signed_in_client(make_user(role="viewer"))
    assert viewer.post(f"/en/briefs/binders/parts/{added.pk}/remove/").status_code in (403, 404)


def test_the_transition_binder_takes_every_forum_and_priority_country() -> None:
    user = make_user(role="analyst", clearance=PB)
    forum = make_forum(name_en="Alpha Forum")
    gone = make_forum(name_en="Beta Forum")
    country = make_country()
    make_engagement(countries=[country])
    binder = regenerate(user=user)
    assert [(p.kind, p.subject) for p in binder.parts.all()] == [
        ("fundamental", ""),
        ("forum", forum.slug),
        ("forum", gone.slug),
        ("country", country.iso_alpha3),
    ]
    binder.parts.filter(kind="forum", subject=forum.slug).update(frozen=True)
    BinderPart.objects.create(binder=binder, order=9, kind="note", title_en="Welcome")
    gone.delete()
    again = regenerate(user=user)
    assert again.pk == binder.pk
    parts = list(again.parts.all())
    assert [(p.kind, p.subject) for p in parts][1:] == [
        ("forum", forum.slug),
        ("country", country.iso_alpha3),
        ("note", ""),
    ]
    assert parts[1].frozen


def test_a_binder_is_prepared_as_a_file_by_a_background_job_as_its_reader_may_see_it(
    binder: Binder,
) -> None:
    from passerelle.core.models import Job

    reader = make_user(clearance=Classification.UNCLASSIFIED)
    client = signed_in_client(reader)
    assert (
        ">Word (DOCX), French</button>"
        in client.get(f"/en/briefs/binders/{binder.pk}/").content.decode()
    )
    started = client.post(
        f"/en/briefs/binders/{binder.pk}/prepare/", {"format": "docx", "lang": "fr"}
    )
    job = Job.objects.get(kind="briefs.binder")
    assert started.status_code == 302 and started["Location"].endswith(f"/{job.pk}/")
    assert job.status == "succeeded" and job.started_by == reader
    [made] = [path for path in job.folder.iterdir() if path.suffix == ".docx"]
    text = docx_text(made.read_bytes())
    assert "Onglet 4" in text and "Sensitive annex" not in text and "PROTÉGÉ" not in text
    other = signed_in_client(make_user(clearance=PB))
    assert other.get(started["Location"]).status_code == 404
    refused = client.post(
        f"/en/briefs/binders/{binder.pk}/prepare/", {"format": "odt", "lang": "fr"}
    )
    assert refused.status_code == 404
