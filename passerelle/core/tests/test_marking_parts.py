"""The illustrative banner names the parts of the page that were made up (and says the rest is
real); every table row of an illustrative record carries the badge, written once in
core/tables.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.tables import row_marks
from passerelle.engagements.tests.factories import make_irritant
from passerelle.geo.tests.factories import make_country

pytestmark = pytest.mark.django_db


def _notice(html: str) -> str:
    found = re.search(r"<gcds-notice.*?</gcds-notice>", html, re.S)
    return found.group(0) if found else ""


def test_the_banner_names_the_illustrative_parts_in_the_readers_language(
    viewer_client: Client,
) -> None:
    country = make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484", illustrative=False)
    assert "Irritants" not in _notice(viewer_client.get("/en/geo/MEX/").content.decode())
    make_irritant(country=country, illustrative=True)
    english = _notice(viewer_client.get("/en/geo/MEX/").content.decode())
    assert "<li>Irritants</li>" in english
    assert "Countries" not in english, "the country itself is real"
    assert "Everything else on the page is real" in english
    french = _notice(viewer_client.get("/fr/geo/MEX/").content.decode())
    assert "<li>Irritants</li>" in french and "Tout le reste de la page est réel" in french


def test_row_marks_badge_an_illustrative_record_and_mark_a_classified_one() -> None:
    real = make_country(iso_alpha3="AAA", iso_alpha2="AA", iso_numeric="901", illustrative=False)
    assert row_marks(real) == ""
    made_up = make_irritant(illustrative=True, classification=Classification.PROTECTED_A)
    marks = str(row_marks(made_up))
    assert '<span class="marker">Protected A</span>' in marks
    assert '<span class="badge-illustrative">illustrative</span>' in marks
    rendered = Template("{% load passerelle %}<td>{{ record|row_marks }}</td>").render(
        Context({"record": made_up})
    )
    assert 'class="badge-illustrative"' in rendered


def test_a_grouped_query_marked_by_its_own_rows_marks_as_the_query_run_again() -> None:
    """`marked()` (core/querysets.py) reads the marking from the grouped rows' own columns
    instead of a second scan: the same level and parts, only over what the reader sees."""
    from django.db import connection
    from django.db.models import Sum
    from django.test.utils import CaptureQueriesContext

    from passerelle.core.reader import reading_as
    from passerelle.core.testing import make_user
    from passerelle.programs.models import BudgetLine
    from passerelle.programs.tests.factories import make_project

    for level, illustrative in ((0, False), (1, True), (2, False)):
        project = make_project(classification=level)
        BudgetLine.objects.create(
            project=project, fiscal_year="2024-25", amount_cad=1, classification=level,
            illustrative=illustrative,
        )  # fmt: skip
    grouped: Any = BudgetLine.objects.values("fiscal_year").annotate(total=Sum("amount_cad"))
    for clearance in (Classification.PROTECTED_A, Classification.PROTECTED_B):
        user = make_user(clearance=clearance)
        with reading_as(user) as again:
            list(grouped.all())
        with reading_as(user) as own, CaptureQueriesContext(connection) as queries:
            rows = list(grouped.all().marked())
        assert len(queries) == 1, "no second scan for the marking"
        assert rows[0]["total"] == clearance + 1, "only what the reader sees is added up"
        assert own.marking.level == again.marking.level == clearance
        assert own.marking.illustrative and again.marking.illustrative
        assert set(own.marking.parts) == set(again.marking.parts) == {"programs.budgetline"}
