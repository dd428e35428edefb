"""IRCC's published service standards (data/reference/operations/): loaded by load-reference with
their sources, shown with them, refused all or nothing when a file is wrong."""

from pathlib import Path

import pytest
from django.test import Client

from passerelle.core.models import Citation
from passerelle.core.reference import ReferenceDataError
from passerelle.core.testing import make_source
from passerelle.operations.models import ServiceStandard
from passerelle.operations.reference import load_operations

pytestmark = pytest.mark.django_db


def _cited(standard: ServiceStandard) -> dict[str, set[str]]:
    by_field: dict[str, set[str]] = {}
    for citation in Citation.objects.filter(object_id=standard.pk).select_related("source"):
        if citation.content_type.model_class() is ServiceStandard:
            by_field.setdefault(citation.field, set()).add(citation.source.key)
    return by_field


def test_the_published_standards_load_each_with_its_source(reference_data: None) -> None:
    standards = {s.program: s for s in ServiceStandard.objects.all()}
    assert {p: (s.days, s.target) for p, s in standards.items()} == {
        "visitor_visa": (14, 0.8),
        "study_permit": (60, 0.8),
        "work_permit_imp": (60, 0.8),
        "work_permit_tfwp": (60, 0.8),
        "pr_economic": (180, 0.8),
        "pr_family": (365, 0.8),
    }  # no source was found for the super visa and the transit visa: no standard
    assert _cited(standards["study_permit"]) == {
        "target": {"ircc-service-standards"},
        "days": {"ircc-cimm-2023-10-24-international-students"},
    }
    assert _cited(standards["pr_family"]) == {"": {"ircc-service-standard-family-class-overseas"}}
    for standard in standards.values():
        cited = _cited(standard)
        assert cited.get("days") or cited.get(""), standard.program
        assert standard.notes_en and standard.notes_fr


def test_the_standards_page_shows_what_each_covers_and_its_source(
    reference_data: None, viewer_client: Client
) -> None:
    english = viewer_client.get("/en/operations/standards/").content.decode()
    assert "Visitor visa applications made outside Canada." in english
    assert "CIC News" in english and "Entered by an administrator" not in english
    french = viewer_client.get("/fr/operations/standards/").content.decode()
    assert "Demandes de visa de visiteur présentées à l’extérieur du Canada." in french


def _write(folder: Path, text: str) -> Path:
    path = folder / "service-standards.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_file_is_refused_with_file_and_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    make_source(key="standards-source")
    cite = "    citations: [{source: standards-source}]\n"
    path = _write(
        tmp_path,
        "standards:\n"
        "  - program: visitor_visa\n    days: 14\n" + cite + "  - program: study_permit\n"
        "    days: sixty\n    target: 1.5\n"
        + cite
        + "  - program: time_machine\n    days: 3\n"
        + cite
        + "  - program: visitor_visa\n    days: 10\n"
        + cite
        + "  - program: pr_family\n    days: 365\n    notes_en: Spouses.\n"
        + cite
        + "  - program: super_visa\n    days: 112\n",
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_operations(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:6: 'days' 'sixty' is not a whole number",
        f"{path}:7: 'target' 1.5 must be above 0 and at most 1",
        f"{path}:9: unknown program 'time_machine' (visitor_visa, super_visa, transit_visa, "
        "study_permit, work_permit_imp, work_permit_tfwp, pr_economic, pr_family, afghan_sim, "
        "afghan_humanitarian, cuaet, americas_humanitarian_pr, sudan_family_pr, gaza_trv)",
        f"{path}:17: 'notes_fr' is required when 'notes_en' is given",
        f"{path}:19: missing field 'citations'",
        f"{path}:12: duplicate service standard (program) (first at service-standards.yaml:2)",
    ]
    assert not ServiceStandard.objects.exists()


def test_a_second_load_writes_nothing_and_a_correction_is_applied(tmp_path: Path) -> None:
    make_source(key="standards-source")
    text = "standards:\n  - program: visitor_visa\n    days: {days}\n" + (
        "    citations: [{{source: standards-source, field: days}}]\n"
    )
    _write(tmp_path, text.format(days=14))
    assert load_operations(tmp_path) == {"service standard created": 1, "citation created": 1}
    assert set(load_operations(tmp_path)) == {"service standard unchanged", "citation unchanged"}
    _write(tmp_path, text.format(days=21))
    assert load_operations(tmp_path)["service standard updated"] == 1
    assert ServiceStandard.objects.get().days == 21
