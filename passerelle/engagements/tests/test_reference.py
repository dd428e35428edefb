"""The engagements' reference data (data/reference/engagements/): the topics, the binder's
objectives in its own words, and its recent key engagements, cited and honestly dated."""

from pathlib import Path

import pytest
from django.conf import settings

from passerelle.core.models import ChangeRecord
from passerelle.core.reference import ReferenceDataError, load_reference
from passerelle.core.testing import make_source
from passerelle.engagements.models import Engagement, Objective, Topic
from passerelle.engagements.reference import load_engagements
from passerelle.engagements.tests.factories import make_topic

pytestmark = pytest.mark.django_db

REFERENCE_DIR = Path(settings.PROJECT_DIR) / "data" / "reference"
BINDER = "ircc-dm-transition-binder-2024"


def test_the_binders_engagements_and_objectives_load_cited(reference_data: None):
    assert Topic.objects.count() >= 15
    assert {"border-management", "asylum", "labour-mobility", "climate-mobility", "gender"} <= set(
        Topic.objects.values_list("slug", flat=True)
    )
    opportunities = Objective.objects.filter(kind="opportunity").order_by("order")
    goals = Objective.objects.filter(kind="diplomacy_goal").order_by("order")
    assert opportunities.count() == goals.count() == 7
    assert opportunities[5].name_en == "Promote skilled and francophone immigration."
    assert goals[0].name_en == (
        "Promote well-managed migration systems and deterring irregular migration"
    )
    assert all(o.name_fr and o.citations.filter(source__key=BINDER).exists() for o in goals)

    engagements = Engagement.objects.filter(illustrative=False)
    assert engagements.count() == 6
    us = engagements.get(countries__iso_alpha3="USA")
    assert set(us.topics.values_list("slug", flat=True)) >= {"border-management", "asylum"}
    assert "Safe Mobility Offices" in us.summary_en
    for engagement in engagements:
        dated = engagement.citations.get(field="start_date")
        assert dated.source.key == BINDER and "not a meeting date" in dated.note
        assert "1 February 2024, is that of the binder" in engagement.summary_en
        assert "le 1er février 2024, est celle du cahier" in engagement.summary_fr
    mirps = engagements.get(forum__slug="mirps-support-platform")
    assert mirps.countries.count() == 7
    assert engagements.get(organizations__slug="european-union").countries.get().iso_alpha3 == "DEU"

    records = ChangeRecord.objects.count()
    again = load_reference(REFERENCE_DIR)
    assert all(label.endswith("unchanged") for label in again.apps["engagements"])
    assert ChangeRecord.objects.count() == records


def test_bad_files_fail_with_file_and_line_and_nothing_is_written(tmp_path: Path):
    make_source(key=BINDER)
    make_topic(slug="asylum")
    cite = f"    citations: [{{source: {BINDER}}}]\n"
    topics = tmp_path / "topics.yaml"
    long_name = "Returns " * 16
    topics.write_text(
        f"topics:\n  - slug: returns\n    name_en: {long_name}\n    name_fr: Retours\n" + cite,
        encoding="utf-8",
    )
    path = tmp_path / "engagements.yaml"
    path.write_text(
        "engagements:\n"
        "  - title_en: A meeting\n    title_fr: Une réunion\n    start_date: 2024-02-30\n"
        "    kind: meeting\n    channel: bilateral\n    topics: [asylum, returns, borders]\n"
        "    summary_en: In English only\n" + cite,
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_engagements(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:4: 'start_date' '2024-02-30' is not a date (YYYY-MM-DD)",
        f"{path}:8: 'summary_fr' is required when 'summary_en' is given",
        f"{path}:7: unknown topic 'borders'",
        f"{topics}:2: 'name_en' is 127 characters long, more than 120",
    ]
    assert list(Topic.objects.values_list("slug", flat=True)) == ["asylum"]
    assert not Engagement.objects.exists()
