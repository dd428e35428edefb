"""The five measures' reference data as loaded, and the loader's refusal of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from passerelle.core.reference import ReferenceDataError
from passerelle.pathways import services
from passerelle.pathways.models import Pathway, ProgressFigure
from passerelle.pathways.reference import load_pathways

pytestmark = pytest.mark.django_db
FOLDER = Path(settings.PROJECT_DIR) / "data" / "reference" / "pathways"


def test_every_measure_of_the_binder_has_its_record_timeline_and_cited_progress(
    reference_data: None,
) -> None:
    measures = list(
        Pathway.objects.prefetch_related("events", "progress", "commitments", "citations")
    )
    assert len(measures) == 5
    for pathway in measures:
        assert pathway.binder_text_en and pathway.binder_text_fr
        assert pathway.events.exists() and pathway.progress.exists()
        assert all(f.source_id for f in pathway.progress.all())
        assert any(
            c.source.key == "ircc-dm-transition-binder-2024" for c in pathway.citations.all()
        )
    with_commitment = {p.slug for p in measures if p.commitments.exists()}
    # CUAET had no cap and no numeric commitment published
    assert with_commitment == {p.slug for p in measures} - {"cuaet"}


def test_caps_raised_are_kept_as_versions(reference_data: None) -> None:
    gaza = Pathway.objects.get(slug="gaza-temporary-resident-pathway")
    assert [c.target for c in services.history(gaza, "gaza-intake-cap")] == [1000, 5000]
    sudan = Pathway.objects.get(slug="sudan-family-pathway")
    assert [c.target for c in services.history(sudan, "sudan-intake-cap")] == [3250, 5000]
    raised = sudan.commitments.get(target=5000)
    assert raised.secondary  # the raise is known from the press only


def test_secondary_figures_are_marked(reference_data: None) -> None:
    secondary = ProgressFigure.objects.filter(secondary=True)
    assert secondary.exists()
    assert all(f.source is not None and "secondary" in f.source.publisher_en for f in secondary)


def test_a_bad_figure_fails_the_load_with_its_line(reference_data: None, tmp_path: Path) -> None:
    cited = "pathway: cuaet, source: ircc-qp-2023-00021-ukraine, as_of: 2023-10-14"
    (tmp_path / "bad.yaml").write_text(
        "progress:\n"
        f"  - {{{cited}, stage: received, value: 10, unit: applications, stream: t}}\n"
        f"  - {{{cited}, stage: approved, value: 20, unit: applications, stream: t}}\n"
        "  - {pathway: cuaet, source: ircc-qp-2023-00021-ukraine, as_of: 2999-01-01, "
        "stage: arrived, value: 1, unit: people}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as error:
        load_pathways(tmp_path)
    text = str(error.value)
    assert "bad.yaml:3" in text and "cannot be above" in text
    assert "bad.yaml:4" in text and "in the future" in text


def test_a_second_load_writes_nothing(reference_data: None) -> None:
    counts = load_pathways(FOLDER)
    assert all(label.endswith("unchanged") for label in counts), counts


def test_the_binders_words_moved_from_the_fact_table(reference_data: None) -> None:
    from passerelle.core.models import Fact

    sudan = Pathway.objects.get(slug="sudan-family-pathway")
    assert "when the conflict began on April 15, 2023" in sudan.binder_text_en
    assert "le 15 avril 2023" in sudan.binder_text_fr
    assert list(Fact.objects.filter(section="crisis-measures").values_list("key", flat=True)) == [
        "crisis-measures-with-global-affairs-canada"
    ]
