"""The Fundamental Brief loses nothing of the binder: every figure, proper name, sentence,
heading and annex row of the binder (../shared/seed/, parsed by briefs/fidelity/) is in the
regenerated brief, in English and in French, in Markdown, in the PDF's text and in the DOCX.

The briefs are built once per language and rendered once per format for the whole module
(about ten seconds); the tests then read that one comparison.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from passerelle.briefs import fidelity
from passerelle.briefs.document import Brief
from passerelle.briefs.fidelity.binder import read_binder
from passerelle.briefs.fidelity.compare import Report
from passerelle.briefs.fidelity.exclusions import EXCLUDED
from passerelle.briefs.fidelity.extract import extract
from passerelle.briefs.services import build_brief, render
from passerelle.core.classification import Classification
from passerelle.core.snapshot import Snapshot, restore
from passerelle.core.testing import make_user
from passerelle.network.models import Office

BINDER = fidelity.binder_path()
needs_binder = pytest.mark.skipif(
    BINDER is None,
    reason="the binder (the team's shared folder, ../shared/seed/ beside the project, outside "
    "the repository) is not on this machine: the fidelity check has nothing to compare",
)


@dataclass
class Built:
    report: Report
    briefs: dict[str, Brief]
    texts: dict[tuple[str, str], str]


@pytest.fixture(scope="module")
def built(
    django_db_setup: None, django_db_blocker: Any, _reference_snapshot: Snapshot
) -> Iterator[Built]:
    """The reference data, the Fundamental Brief in both languages and three formats, and the
    comparison with the binder, built once for the module and rolled back after it."""
    assert BINDER is not None
    with django_db_blocker.unblock(), transaction.atomic():
        restore(_reference_snapshot)
        reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
        briefs = {
            lang: build_brief(kind="fundamental", user=reader, language=lang)
            for lang in ("en", "fr")
        }
        texts = {
            (lang, fmt): fidelity.text_of(render(brief, fmt), fmt, brief=brief)
            for lang, brief in briefs.items()
            for fmt in fidelity.FORMATS
        }
        report = fidelity.fidelity(user=reader, binder=BINDER.path, texts=texts)
        yield Built(report, briefs, texts)
        transaction.set_rollback(True)


def _listing(report: Report) -> str:
    return "\n".join(
        f"{f.language} {f.fmt} line {f.expectation.line} {f.expectation.kind}: "
        f"{f.expectation.text!r} {f.how}".rstrip()
        for f in report.missing
    )


@needs_binder
def test_the_brief_holds_everything_the_binder_says(built: Built) -> None:
    report = built.report
    assert report.ok, "the regenerated brief loses:\n" + _listing(report)
    kinds = {f.expectation.kind for f in report.findings}
    assert kinds == {"figure", "name", "text", "row"}
    assert {(f.language, f.fmt) for f in report.findings} == {
        (lang, fmt) for lang in ("en", "fr") for fmt in ("md", "pdf", "docx")
    }
    # What is left out is listed, with its reason, and nothing else.
    assert {(e.kind, e.text) for e, _reason in report.excluded} == set(EXCLUDED)


@needs_binder
def test_marked_sourced_and_the_annex_totals_derived_from_the_records(built: Built) -> None:
    for (language, _fmt), text in built.texts.items():
        flat = " ".join(text.split())
        assert built.briefs[language].marking() in flat
        assert ("World Migration Report 2022" in flat) or ("État de la migration" in flat)
    for brief in built.briefs.values():
        totals = next(s for s in brief.sections if s.key == "annex-network").tables[-1]
        assert all(row[1] == row[2] for row in totals.rows), totals.rows
        annex = next(s for s in brief.sections if s.key == "annex")
        assert annex.images and annex.images[0].png.startswith(b"\x89PNG")


@needs_binder
def test_the_extraction_reads_the_binder_itself() -> None:
    """The expectations come from the binder's text: its figures as written, its names, one
    text per sentence, one row per region of the annex; every exclusion still names something
    the binder says, and says why."""
    assert BINDER is not None
    binder = read_binder(BINDER.path)
    wanted = extract(binder)
    text = BINDER.path.read_text(encoding="utf-8")
    by_kind: dict[str, list[str]] = {}
    for expectation in wanted:
        by_kind.setdefault(expectation.kind, []).append(expectation.text)
        if expectation.kind in ("figure", "name"):
            assert expectation.text in text, expectation
    assert {
        "281 million",
        "3.6%",
        "USD $669 billion",
        "April 15, 2023",
        "02/01/2024",
        "seven",
    } <= set(by_kind["figure"])
    assert len(by_kind["row"]) == len(binder.rows) == 9
    keys = {e.key for e in wanted}
    for key, reason in EXCLUDED.items():
        assert len(reason) > 40, key
        assert key in keys, f"stale exclusion {key}: the binder no longer says it"


@needs_binder
@pytest.mark.django_db
def test_a_sentence_of_the_annex_removed_from_the_records_is_reported_missing(
    reference_data: None,
) -> None:
    """Havana's note removed from its office: `passerelle brief fidelity` reports the binder's
    sentence missing in English and in French, under the annex, and exits with an error."""
    Office.objects.filter(code="havana").update(note_en="", note_fr="")
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    out = io.StringIO()
    with pytest.raises(CommandError, match="the brief misses 4 of the binder's checks"):
        call_command("brief", "fidelity", "--format", "md", "--user", reader.username, stdout=out)
    printed = out.getvalue()
    sentence = (
        "Havana is not included as an overseas office as it does not have Canadian-based staff"
    )
    missing = [line for line in printed.splitlines() if line.startswith("  missing")]
    # The sentence, and the one name only it holds, in each language; nothing else.
    assert sorted(line.split("  line")[0] for line in missing) == [
        "  missing en md", "  missing en md", "  missing fr md", "  missing fr md",
    ]  # fmt: skip
    assert all(" line 121 " in line for line in missing), printed
    assert sum(f"sentence: {sentence!r}" in line for line in missing) == 2
    assert sum("name: 'Canadian-based'" in line for line in missing) == 2
    assert min(map(printed.index, missing)) > printed.index("Annex - Map of IRCC Missions")
    assert "  en  md 50/52" in printed and "  fr  md 50/52" in printed
