"""The briefs' capacity-building content comes from the program's records: the Fundamental
Brief's section (the binder's words, cited, and the program's live position marked illustrative
where it is), the country brief's projects, and the MIRPS Support Platform's forum brief."""

from __future__ import annotations

import pytest

from passerelle.briefs.services import build_brief, render
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user
from passerelle.programs.demo import load_demo
from passerelle.programs.models import Initiative, Project


@pytest.fixture
def reader(db: None) -> object:
    return make_user(role="viewer", clearance=Classification.PROTECTED_B)


def _section(brief: object, key: str) -> object:
    return next(s for s in brief.sections if s.key == key)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_fundamental_section_is_built_from_the_records(
    reference_data: None, reader: object
) -> None:
    Initiative.objects.filter(slug="racbi").update(description_en="Edited in the record.")
    brief = build_brief(kind="fundamental", user=reader, language="en")  # type: ignore[arg-type]
    markdown = render(brief, "md").decode()
    assert "Edited in the record." in markdown
    grsi = _section(brief, "grsi")
    assert grsi.title == "Global Refugee Sponsorship Initiative (GRSI)"  # type: ignore[attr-defined]
    figure = grsi.figures[0]  # type: ignore[attr-defined]
    assert figure.value == "1,000+" and "International Capacity Building" in figure.footnote.source
    imcbp = _section(brief, "imcbp")
    assert len(imcbp.items) == 6, "the six envelopes"  # type: ignore[attr-defined]
    keys = [s.key for s in brief.sections]
    order = [keys.index(k) for k in ("grsi", "mirps-support-platform", "imcbp", "racbi")]
    assert order == sorted(order), "the binder's order"


@pytest.mark.django_db
def test_the_programs_live_position_is_marked_illustrative(
    reference_data: None, reader: object
) -> None:
    load_demo(count=12)
    from passerelle.programs import services

    services_year = services.current_fiscal_year
    services.current_fiscal_year = lambda today=None: "2025-26"
    try:
        brief = build_brief(kind="fundamental", user=reader, language="fr")  # type: ignore[arg-type]
    finally:
        services.current_fiscal_year = services_year
    imcbp = _section(brief, "imcbp")
    table = imcbp.tables[0]  # type: ignore[attr-defined]
    assert table.illustrative and imcbp.illustrative  # type: ignore[attr-defined]
    assert "2025-26" in table.caption


@pytest.mark.django_db
def test_the_country_brief_lists_its_projects(reference_data: None, reader: object) -> None:
    load_demo(count=12)
    project = Project.objects.filter(countries__iso_alpha3="MEX").first()
    assert project is not None
    brief = build_brief(kind="country", subject="MEX", user=reader, language="en")  # type: ignore[arg-type]
    section = _section(brief, "capacity-building-projects")
    titles = [row[0] for row in section.tables[0].rows]  # type: ignore[attr-defined]
    assert project.title_en in titles and section.illustrative  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_mirps_forum_brief_shows_its_initiative(reference_data: None, reader: object) -> None:
    brief = build_brief(kind="forum", subject="mirps-support-platform", user=reader, language="en")  # type: ignore[arg-type]
    section = _section(brief, "initiative")
    assert "Comprehensive Regional Protection" in section.title  # type: ignore[attr-defined]
