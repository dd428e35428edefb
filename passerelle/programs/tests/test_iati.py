"""IATI 2.03: the activity and organisation files are valid against the schemas carried in
data/iati-2.03, in English and French; a project that would break the file is named; an export
imported and exported again gives the same file; a file that fails the schema is refused with
its errors' lines and writes nothing. The shared worked example is read from ../shared when the
team's shared folder is there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from passerelle.core.importing.report import RowError
from passerelle.programs.demo import load_demo
from passerelle.programs.iati import export
from passerelle.programs.iati.imports import import_activities
from passerelle.programs.iati.schema import ACTIVITIES, IATIError, errors_of, schema
from passerelle.programs.models import Project, Transaction, TransactionTotal
from passerelle.programs.rollup import computed_totals, kept_totals
from passerelle.programs.tests.factories import make_country, make_project, pay

SHARED = Path(settings.PROJECT_DIR).parent / "shared" / "data" / "iati-2.03"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason="the team's shared folder (../shared/data/iati-2.03 beside the project) is not on "
    "this machine: nothing to compare the carried snapshot or the worked example with",
)


@pytest.fixture
def demo(reference_data: None) -> None:
    load_demo(count=12)


@pytest.mark.django_db
def test_the_activity_file_is_valid_and_bilingual(demo: None) -> None:
    document = export.activity_file()
    tree = etree.fromstring(document)
    assert schema(ACTIVITIES).validate(tree)
    activities = tree.findall("iati-activity")
    assert len(activities) == Project.objects.filter(published=True).count() > 0
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    first = activities[0]
    titles = {n.get(lang): n.text for n in first.find("title").findall("narrative")}
    project = Project.objects.get(iati_identifier=first.findtext("iati-identifier"))
    assert titles == {"en": project.title_en, "fr": project.title_fr}
    assert first.find("other-identifier").get("ref") == project.reference_number
    assert b"Illustrative" in document[:300], "a file of illustrative records says so"


@pytest.mark.django_db
def test_a_project_that_would_make_the_file_invalid_is_named(demo: None) -> None:
    broken = Project.objects.filter(published=True).first()
    assert broken is not None
    Project.objects.filter(pk=broken.pk).update(title_en="", title_fr="")
    with pytest.raises(IATIError) as raised:
        export.activity_file()
    assert broken.iati_identifier in str(raised.value)
    assert "title" in str(raised.value)


@pytest.mark.django_db
def test_classified_and_unpublished_projects_are_not_in_the_file(reference_data: None) -> None:
    shown = make_project(published=True)
    make_project(published=True, classification=1)
    make_project(published=False)
    hidden = pay(shown, "777.77", date(2024, 6, 1))
    Transaction.objects.filter(pk=hidden.pk).update(classification=1)
    document = export.activity_file()
    identifiers = etree.fromstring(document).xpath("//iati-identifier/text()")
    assert identifiers == [shown.iati_identifier]
    assert b"777.77" not in document, "a classified transaction of a public project stays out"


@pytest.mark.django_db
def test_export_import_export_gives_the_same_file(demo: None) -> None:
    first = export.activity_file()
    Project.objects.all().delete()
    report = import_activities(first)
    assert report.created == Project.objects.count() > 0
    assert export.activity_file() == first
    # The import rewrote each project's transaction totals once, at its end.
    assert TransactionTotal.objects.exists() and kept_totals() == computed_totals()


@pytest.mark.django_db
def test_a_file_failing_the_schema_is_refused_with_its_lines(reference_data: None) -> None:
    project = make_project(published=True)
    pay(project, "100", date(2024, 6, 1))
    document = export.activity_file().replace(b"<activity-status", b"<activity-state", 1)
    Project.objects.all().delete()
    with pytest.raises(IATIError) as raised:
        import_activities(document)
    assert "line" in str(raised.value) and "activity-state" in str(raised.value)
    assert not Project.objects.exists() and not Transaction.objects.exists()


@pytest.mark.django_db
def test_an_activity_breaking_the_programs_rules_writes_nothing(reference_data: None) -> None:
    mexico = make_country()
    good = make_project(published=True)
    bad = make_project(published=True)
    bad.countries.set([mexico])
    pay(bad, "100", date(2024, 6, 1))
    document = export.activity_file()
    # The transaction moves outside the agreement's dates.
    document = document.replace(
        b'transaction-date iso-date="2024-06-01"', b'transaction-date iso-date="2029-06-01"'
    )
    Project.objects.all().delete()
    with pytest.raises(IATIError) as raised:
        import_activities(document)
    assert "outside the project's dates" in str(raised.value)
    assert not Project.objects.filter(reference_number=good.reference_number).exists()


@pytest.mark.django_db
def test_the_organisation_file_is_valid(demo: None) -> None:
    document = export.organisation_file()
    assert not errors_of(document, "iati-organisations-schema.xsd")
    assert b"<total-budget" in document


@needs_shared
@pytest.mark.django_db
def test_the_shared_worked_example_is_refused_with_the_schemas_errors(reference_data: None) -> None:
    """The worked example predates IATI 2: the 2.03 schema refuses it, line named."""
    document = (SHARED / "worked-example.xml").read_bytes()
    with pytest.raises(IATIError) as raised:
        import_activities(document, file="worked-example.xml")
    assert "line 9" in str(raised.value) and "other-identifier" in str(raised.value)
    first = raised.value.errors[0]
    assert isinstance(first, RowError), "reported as the import framework reports"
    assert (first.file, first.row, first.column) == ("worked-example.xml", 9, "other-identifier")
    assert not Project.objects.exists()


@needs_shared
def test_the_carried_snapshot_is_the_shared_one() -> None:
    carried = Path(settings.PROJECT_DIR) / "data" / "iati-2.03"
    for name in ("iati-activities-schema.xsd", "iati-common.xsd", "iati-organisations-schema.xsd"):
        assert (carried / name).read_bytes() == (SHARED / name).read_bytes(), name
    import gzip

    sector = gzip.decompress((carried / "codelists" / "Sector.xml.gz").read_bytes())
    assert sector == (SHARED / "codelists" / "Sector.xml").read_bytes()
