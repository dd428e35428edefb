"""Country and forum briefs: clearance and marking, sections left out, the French gaps,
registered sections, the command, the pages, the API, releases and their differences."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document

from passerelle.briefs import sections as registry
from passerelle.briefs.briefing import workflow
from passerelle.briefs.briefing.models import BriefRequest
from passerelle.briefs.editions import compare, release
from passerelle.briefs.models import BriefNote
from passerelle.briefs.services import build_brief, render
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Irritant
from passerelle.geo.models import Country
from passerelle.partners.models import Forum


@pytest.fixture
def protected_irritant(reference_data: None) -> Irritant:
    return Irritant.objects.create(
        title_en="Visa refusals raised by the minister",
        title_fr="Refus de visa soulevés par le ministre",
        kind="high_refusal_rates",
        country=Country.objects.get(iso_alpha3="MEX"),
        classification=Classification.PROTECTED_B,
    )


def test_country_brief_respects_clearance_and_is_marked(protected_irritant: Irritant) -> None:
    cleared = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    uncleared = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    high = build_brief(kind="country", subject="mex", user=cleared, language="en")
    low = build_brief(kind="country", subject="MEX", user=uncleared, language="en")
    high_md, low_md = render(high, "md").decode(), render(low, "md").decode()
    assert "Visa refusals raised by the minister" in high_md
    assert high.classification == Classification.PROTECTED_B
    assert high_md.startswith("**PROTECTED B**") and high_md.rstrip().endswith("**PROTECTED B**")
    assert "Visa refusals raised by the minister" not in low_md
    assert low.classification == Classification.UNCLASSIFIED
    assert "PROTECTED" not in low_md
    # Sections without data are left out: no irritant section at all for the uncleared reader.
    assert "irritants" not in [s.key for s in low.sections]


def test_french_brief_lists_missing_french(reference_data: None) -> None:
    analyst = make_user(role="analyst", clearance=Classification.PROTECTED_B)
    note = BriefNote.objects.create(
        brief_kind="country", subject="MEX", kind="talking_point",
        text_en="Thank Mexico for its RACBI partnership.", text_fr="",
    )  # fmt: skip
    brief = build_brief(kind="country", subject="MEX", user=analyst, language="fr")
    markdown = render(brief, "md").decode()
    assert "[EN] Thank Mexico for its RACBI partnership." in markdown
    gap = f"Point de discussion {note.pk}: text_fr"  # listed for the author, in French
    assert gap in brief.missing_french
    assert markdown.index(gap) > markdown.index("[EN] Thank Mexico")
    english = build_brief(kind="country", subject="MEX", user=analyst, language="en")
    assert english.missing_french == []


@pytest.fixture
def extra_section() -> Iterator[None]:
    def builder(country: Country, *, user: object, language: str) -> registry.Section | None:
        if country.iso_alpha3 != "MEX":
            return None
        return registry.Section(
            key="extra", title="Extra panel", paragraphs=["From another app."],
            classification=Classification.PROTECTED_A,
        )  # fmt: skip

    registry.register_country_section("extra", builder, order=85)
    yield
    registry._country.pop("extra")


def test_registered_sections_are_rendered_or_left_out(
    reference_data: None, extra_section: None
) -> None:
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    mexico = build_brief(kind="country", subject="MEX", user=reader, language="en")
    assert "extra" in [s.key for s in mexico.sections]
    assert mexico.classification >= Classification.PROTECTED_A
    document = Document(io.BytesIO(render(mexico, "docx")))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert "Extra panel" in headings
    chile = build_brief(kind="country", subject="CHL", user=reader, language="en")
    assert "extra" not in [s.key for s in chile.sections]


def test_forum_brief(reference_data: None) -> None:
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    brief = build_brief(kind="forum", subject="mirps-support-platform", user=reader, language="fr")
    markdown = render(brief, "md").decode()
    assert "2021-2022" in markdown and "2022-2023" in markdown
    assert "Canada" in markdown


def test_command_writes_a_french_docx(reference_data: None, tmp_path: Path) -> None:
    make_user(role="viewer", username="reader", clearance=Classification.PROTECTED_B)
    output = tmp_path / "mex.docx"
    call_command("brief", "country", "MEX", lang="fr", fmt="docx", output=str(output),
                 user="reader")  # fmt: skip
    document = Document(str(output))
    assert any("Mexique" in p.text for p in document.paragraphs)
    # the contents are Word's own TOC field, whose text until Word updates it is the list of the
    # parts, and Word is asked to update the fields on opening (w:updateFields before w:compat)
    body = document.element.body.xml
    toc = body.index('TOC \\o "1-2" \\h \\z \\u')
    end = body.index('w:fldCharType="end"', toc)
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    listed = [text for style, text in styled if style == "List Number"]
    headings = {text for style, text in styled if style == "Heading 1"}
    assert listed and set(listed) <= headings
    assert all(toc < body.index(f"<w:t>{title}</w:t>") < end for title in listed)
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    assert settings.index("updateFields") < settings.index("compat")
    assert document.sections[0].header.paragraphs[0].text in {"NON CLASSIFIÉ", "PROTÉGÉ A",
                                                              "PROTÉGÉ B"}  # fmt: skip


def test_pages_api_release_and_differences(reference_data: None) -> None:
    analyst = make_user(role="analyst", clearance=Classification.PROTECTED_B)
    client = signed_in_client(analyst)
    page = client.get("/en/briefs/country/MEX/")
    assert page.status_code == 200 and b"Recent engagements" in page.content
    download = client.get("/en/briefs/forum/gfmd/?format=md&lang=fr")
    assert download["Content-Type"].startswith("text/markdown")
    api = client.get("/api/v1/briefs/file/country/MEX/?format=md&lang=en")
    assert api.status_code == 200 and b"# Country brief: Mexico" in api.content
    pdf = client.get("/api/v1/briefs/file/forum/gfmd/", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/api/v1/briefs/file/country/XXX/?format=md").status_code == 404
    assert client.get("/en/briefs/").status_code == 200
    first = release(build_brief(kind="forum", subject="gfmd", user=analyst, language="en"),
                    user=analyst)  # fmt: skip
    client.post("/en/briefs/forum/gfmd/notes/", {"kind": "talking_point", "text_en": "Raise the"
                " GFMD chair's agenda.", "classification": 0, "order": 0})  # fmt: skip

    # No edition is approved outside a request's chain: the brief's page asks for approval
    # with a request for this brief, its form filled in from the brief.
    assert client.post("/en/briefs/forum/gfmd/release/?lang=en").status_code == 404
    shown = client.get("/en/briefs/forum/gfmd/").content.decode()
    asked = "/en/briefs/requests/add/?kind=forum&amp;subject=gfmd"
    assert asked in shown and "No request asks for this brief yet." in shown
    form = client.get(asked.replace("&amp;", "&")).content.decode()
    forum = Forum.objects.get(slug="gfmd")
    assert f'value="{forum.pk}" selected' in form
    assert "Forum brief — " in form
    tasking = BriefRequest.objects.create(
        kind="forum", forum=forum, title_en="GFMD brief", principal="minister", due=date.today()
    )
    workflow.submit_for_review(tasking, user=analyst)
    while workflow.next_step(tasking) is not None:
        workflow.decide(tasking, user=analyst, approve=True)
    second = first.__class__.objects.get(number=2, subject="gfmd", language="en")
    assert second.request == tasking
    shown = client.get("/en/briefs/forum/gfmd/").content.decode()
    assert tasking.tracking_number in shown and "Approved editions" in shown
    lines = compare(first, second)
    assert any(line.kind == "added" and "GFMD chair" in line.text for line in lines)
    page = client.get(f"/en/briefs/editions/{second.pk}/")
    assert b"<ins>" in page.content and b"GFMD chair" in page.content
