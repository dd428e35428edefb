"""Invalid reference data is refused with its file and line, and nothing is written."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from passerelle.core.models import ChangeRecord, Citation, Fact, Source
from passerelle.core.reference import ReferenceDataError, load_reference
from passerelle.geo.models import CountryGroup

pytestmark = pytest.mark.django_db

REFERENCE_DIR = Path(settings.PROJECT_DIR) / "data" / "reference"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the real reference files, to break."""
    for path in REFERENCE_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _counts() -> dict[str, int]:
    models = (Fact, Source, Citation, CountryGroup, ChangeRecord)
    return {model.__name__: model._base_manager.count() for model in models}


def _replace(path: Path, old: str, new: str) -> int:
    """Edit the first line containing `old` (remove it when `new` is empty); its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if old in line:
            lines[number - 1] = line.replace(old, new, 1) if new else ""
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{old!r} not in {path.name}")


BREAKAGES = [
    # (file, text to find, its replacement, expected reason, line offset of the reported line)
    ("global-context.yaml", "    as_of: 2020-07-01", "    as_of: 2020-13-01", "is not a date", 0),
    ("global-context.yaml", "    value: 281000000", "    value: lots", "is not a number", 0),
    ("global-context.yaml", "    unit: usd", "    unit: euros", "unknown unit 'euros'", 0),
    ("trends.yaml", "section: trends", "section: trending", "unknown section 'trending'", 0),
    (
        "takeaways.yaml",
        "    title_fr: Un discours",
        "    colour_fr: Un discours",
        "unknown field",
        0,
    ),
    (
        "takeaways.yaml",
        "  - key: takeaway-balanced-narrative",
        "  - key: takeaway-engagement-key-to-mandate",
        "duplicate fact key",
        0,
    ),
    (
        "global-context.yaml",
        "{source: iom-wmr-2022, field: value, note",
        "{source: iom-wmr-2099, field: value, note",
        "unknown source 'iom-wmr-2099'",
        0,
    ),
    (
        "network.yaml",
        "    countries: [MEX]",
        "    countries: [XKX]",
        "unknown country code 'XKX'",
        0,
    ),
    (
        "network.yaml",
        "    countries: [MEX]",
        "    countries: [mexico]",
        "not an ISO alpha-3 code",
        0,
    ),
    (
        "sources.yaml",
        "    published: 2021-12-01",
        "    published: 1 December 2021",
        "is not a date",
        0,
    ),
    (
        "network.yaml",
        "    unit: count",
        "    unit: count\n    unit: persons",
        "duplicate key 'unit'",
        1,
    ),
    (
        "diplomacy.yaml",
        "    title_en: IRCC uses",
        "    title_en: [IRCC uses",
        "YAML syntax error",
        1,
    ),
    ("diplomacy.yaml", "    title_en: IRCC uses", "   title_en: IRCC uses", "YAML syntax error", 0),
]


@pytest.mark.parametrize(("name", "old", "new", "reason", "offset"), BREAKAGES)
def test_invalid_data_fails_at_its_file_and_line_and_writes_nothing(
    reference_data: None, copy: Path, name: str, old: str, new: str, reason: str, offset: int
):
    before = _counts()
    line = _replace(copy / name, old, new) + offset
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(copy)
    messages = [str(problem) for problem in raised.value.problems]
    assert any(m.startswith(f"{copy / name}:{line}:") and reason in m for m in messages), messages
    assert _counts() == before


def test_a_missing_required_field_is_reported_at_its_record(copy: Path):
    path = copy / "takeaways.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    title_fr: Un discours équilibré sur la migration et les réfugiés\n", ""),
        encoding="utf-8",
    )
    line = _replace(
        path, "  - key: takeaway-balanced-narrative", "  - key: takeaway-balanced-narrative"
    )
    with pytest.raises(
        ReferenceDataError, match=rf"takeaways.yaml:{line}: missing field 'title_fr'"
    ):
        load_reference(copy)


FRENCH_LEFT_OUT = [
    # (file, the French to take out, its replacement, the English left alone, the field's stem)
    ("global-context.yaml", "    period_fr: mi-2023", "", "    period_en: mid-2023", "period"),
    (
        "sources.yaml",
        '    edition_fr: "Note 39, décembre 2023"',
        "",
        '    edition_en: "Brief 39, December 2023"',
        "edition",
    ),
    (
        "takeaways.yaml",
        ', locator_fr: "Principaux points à retenir"}',
        "}",
        'locator_en: "Key Takeaways"',
        "locator",
    ),
]


@pytest.mark.parametrize(("name", "french", "new", "english", "stem"), FRENCH_LEFT_OUT)
def test_english_without_its_french_is_refused_at_the_english(
    copy: Path, name: str, french: str, new: str, english: str, stem: str
):
    path = copy / name
    _replace(path, french, new)
    line = _replace(path, english, english)
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(copy)
    expected = f"{path}:{line}: '{stem}_fr' is required when '{stem}_en' is given"
    assert expected in [str(problem) for problem in raised.value.problems]


def test_a_fresh_database_is_left_empty_when_a_country_code_is_unknown(copy: Path):
    _replace(copy / "network.yaml", "    countries: [MEX]", "    countries: [ZZZ]")
    before = _counts()
    with pytest.raises(ReferenceDataError, match="unknown country code 'ZZZ'"):
        load_reference(copy)
    assert _counts() == before


def test_the_command_turns_the_error_into_a_command_error(copy: Path):
    line = _replace(copy / "global-context.yaml", "    unit: percent", "    unit: per-cent")
    with pytest.raises(CommandError, match=rf"global-context.yaml:{line}: unknown unit 'per-cent'"):
        call_command("load-reference", "--directory", str(copy), stdout=StringIO())
    assert Fact.objects.count() == 0


def test_a_changed_file_updates_only_what_changed_and_drops_stale_citations(
    reference_data: None, copy: Path
):
    records = ChangeRecord.objects.count()
    _replace(copy / "global-context.yaml", "    value: 669000000000", "    value: 670000000000")
    _replace(copy / "global-context.yaml", "{source: world-bank-migration-development-brief-39", "")
    report = load_reference(copy)
    assert report.total("created") == 0
    assert report.counts["fact"]["updated"] == 1
    assert report.counts["citation"]["deleted"] == 1
    fact = Fact.objects.get(key="remittances-lmic-2023")
    assert fact.value == 670000000000
    assert [c.source.key for c in fact.citations.all()] == ["ircc-dm-transition-binder-2024"]
    assert ChangeRecord.objects.count() == records + 2  # the fact's update, the citation's delete
