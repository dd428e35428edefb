"""The country brief reads as a finished document: a joint initiative once (RACBI, not three
times), a note printed once however often it is called, no last page holding only the marking,
overdue follow-ups flagged; and the Fundamental Brief's key figures say what they count."""

from __future__ import annotations

from datetime import date, timedelta

from passerelle.briefs.document import Brief
from passerelle.briefs.render.html import render_html
from passerelle.briefs.sections import Figure, Footnote, Section
from passerelle.briefs.services import build_brief
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user
from passerelle.engagements.models import FollowUp
from passerelle.engagements.tests.factories import make_engagement, make_follow_up
from passerelle.geo.models import Country


def _viewer():
    return make_user(role="viewer", clearance=Classification.PROTECTED_B)


def test_racbi_once_and_overdue_follow_ups_flagged(reference_data: None) -> None:
    mexico = Country.objects.get(iso_alpha3="MEX")
    engagement = make_engagement(countries=[mexico], start_date=date.today() - timedelta(days=90))
    make_follow_up(engagement=engagement, due=date.today() - timedelta(days=30))
    make_follow_up(
        engagement=engagement,
        action_en="Share statistics",
        action_fr="Communiquer des statistiques",
        due=date.today() + timedelta(days=30),
    )
    brief = build_brief(kind="country", subject="MEX", user=_viewer(), language="en")
    sections = {s.key: s for s in brief.sections}
    racbi = [item for item in sections["relationship"].items if "RACBI" in item]
    assert len(racbi) == 1, racbi
    assert "Canada supports" in racbi[0]  # Canada's own account, naming the others
    follow_ups = sections["follow-ups"]
    assert "1 follow-up is overdue." in follow_ups.paragraphs
    statuses = {row[0]: row[3] for row in follow_ups.tables[0].rows}
    assert statuses["Send the draft arrangement"] == "Open — overdue"
    assert statuses["Share statistics"] == str(FollowUp.Status.OPEN.label)


def test_a_note_is_printed_once_however_often_it_is_called() -> None:
    unhcr = Footnote("UNHCR, Refugee Population Statistics Database", "2024")
    desa = Footnote("UN DESA, International Migrant Stock 2020", "2020")
    section = Section(
        key="indicators",
        title="Migration indicators",
        figures=[
            Figure("Migrants", "1.2 million", desa),
            Figure("Refugees hosted", "150,836", unhcr),
            Figure("Refugees originating", "39,241", unhcr),
            Figure("Asylum-seekers", "204,729", unhcr),
        ],
    )
    brief = Brief("country", "MEX", "en", "Country brief: Mexico", "Test", date(2026, 12, 6))
    brief.sections.append(section)
    printed = render_html(brief, standalone=False, print_version=True)
    assert printed.count("UNHCR, Refugee Population Statistics Database") == 1
    assert printed.count('class="footnote"') == 2
    assert printed.count('<sup class="footnote-again">2</sup>') == 2
    # The marking heads and foots every printed page; no closing marking to spill onto a page
    # of its own. On screen, the brief still ends with it.
    assert "brief-marking-end" not in printed
    assert "brief-marking-end" in render_html(brief, standalone=False)


def test_fundamental_brief_key_figures_say_what_they_count(reference_data: None) -> None:
    brief = build_brief(kind="fundamental", user=_viewer(), language="en")
    labels = {f.label: f.value for s in brief.sections for f in s.figures}
    assert labels["MIRPS countries"] == "7"
    titles = {s.title for s in brief.sections}
    for label in labels:
        assert label not in titles and label not in ("RACBI", "MIRPS Support Platform"), label
