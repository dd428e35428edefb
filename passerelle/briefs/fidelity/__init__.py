"""The fidelity check: does the regenerated Fundamental Brief say everything the binder says?

The binder (the source `ircc-dm-transition-binder-2024`, read from `../shared/` beside the
project, where its `identifier` says) is parsed into expectations (`extract.py`): its figures,
proper names, sentences, headings and the annex's rows. The brief is built in each language and
rendered in each format; each expectation is looked for in the text of each (`compare.py`),
in French through the French forms the records hold (`forms.py`). A few expectations are left
out on purpose, each with its reason (`exclusions.py`).

    report = fidelity(user=reader, binder=binder_path())
    report.ok, report.missing

`passerelle brief fidelity` prints the same comparison.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

from passerelle.briefs.document import Brief, note_text
from passerelle.briefs.fidelity.binder import read_binder
from passerelle.briefs.fidelity.compare import Report, check
from passerelle.briefs.fidelity.exclusions import EXCLUDED, excluded
from passerelle.briefs.fidelity.extract import Expectation, extract
from passerelle.briefs.fidelity.forms import lexicon
from passerelle.briefs.sourcing import BINDER
from passerelle.core.models import User

LANGUAGES = ("en", "fr")
FORMATS = ("md", "pdf", "docx")


@dataclass(frozen=True)
class BinderFile:
    """Where the binder is, and whether it is the file the reference data was read from."""

    path: Path
    checksum_matches: bool | None  # None when the source records no checksum


def binder_path(directory: Path | None = None) -> BinderFile | None:
    """The binder beside the project (`../shared/<identifier>`, the identifier and checksum of
    the source `ircc-dm-transition-binder-2024` in data/reference/sources.yaml), or None when it
    is absent."""
    project = Path(settings.PROJECT_DIR)
    sources = yaml.safe_load((project / "data" / "reference" / "sources.yaml").read_text())
    source = next((s for s in sources.get("sources", []) if s.get("key") == BINDER), None)
    if source is None or not source.get("identifier"):
        return None
    path = (directory or project.parent / "shared") / source["identifier"]
    if not path.is_file():
        return None
    matches = None
    if source.get("checksum"):
        matches = hashlib.sha256(path.read_bytes()).hexdigest() == source["checksum"]
    return BinderFile(path, matches)


def brief_texts(
    user: User, *, languages: Sequence[str] = LANGUAGES, formats: Sequence[str] = FORMATS
) -> dict[tuple[str, str], str]:
    """The Fundamental Brief's text in each language and format: built once per language,
    rendered once per format."""
    from passerelle.briefs.services import build_brief, render

    texts = {}
    for language in languages:
        brief = build_brief(kind="fundamental", user=user, language=language)
        for fmt in formats:
            texts[(language, fmt)] = text_of(render(brief, fmt), fmt, brief=brief)
    return texts


def text_of(data: bytes, fmt: str, *, brief: Brief | None = None) -> str:
    """A rendered brief's text: Markdown as it is, the PDF through pdftotext (poppler-utils) in
    reading order (with `brief`), the DOCX's paragraphs and tables in document order (a table
    row on one line)."""
    if fmt == "pdf":
        executable = shutil.which("pdftotext")
        if executable is None:
            raise RuntimeError("reading a PDF's text needs pdftotext (Debian's poppler-utils)")
        result = subprocess.run(  # noqa: S603 (a fixed program and arguments)
            [executable, "-layout", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
            timeout=120,
        )
        text = result.stdout.decode()
        return reading_order(text, brief) if brief is not None else text
    if fmt == "docx":
        return _docx_text(data)
    return data.decode()


def reading_order(text: str, brief: Brief) -> str:
    """A PDF's text as it is read: a page's footnotes, running marking and page number cut a
    sentence that runs on to the next page, so they are taken out of the flow, and the notes
    put once at the end (where Markdown and DOCX have them)."""
    labels = brief.labels()
    flat = " ".join(text.split())
    notes = [f"{n}. {note_text(note, labels['as_of'])}" for note, n in brief.numbering().items()]
    for note in brief.numbering():
        # Each call of a note is a footnote of its own, numbered in the order of the calls.
        text_of_note = " ".join(note_text(note, labels["as_of"]).split())
        flat = re.sub(rf"\b\d+\. {re.escape(text_of_note)}", " ", flat)
    flat = re.sub(rf"{re.escape(labels['page'])} \d+ {re.escape(labels['of'])} \d+", " ", flat)
    marking = brief.marking()
    flat = flat.replace(marking, " ")
    return "\n".join([marking, flat, *notes, marking])


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
    return "\n".join(lines)


def expectations(path: Path, user: User) -> list[Expectation]:
    """What the binder at `path` says, as the records let its names be read whole."""
    return extract(read_binder(path), known=lexicon(user).known)


def fidelity(
    *,
    user: User,
    binder: Path,
    languages: Sequence[str] = LANGUAGES,
    formats: Sequence[str] = FORMATS,
    texts: dict[tuple[str, str], str] | None = None,
) -> Report:
    """The comparison of the binder at `binder` with the Fundamental Brief as `user` sees it
    (`texts`, when given, are the brief's texts already rendered)."""
    found = lexicon(user)
    wanted = extract(read_binder(binder), known=found.known)
    kept = [e for e in wanted if excluded(e) is None]
    if texts is None:
        # The French of a sentence no one record holds is checked against the English too.
        built = sorted({*languages, "en"} if "fr" in languages else set(languages))
        texts = brief_texts(user, languages=built, formats=formats)
    texts = {key: text for key, text in texts.items() if key[1] in formats}
    report = check(kept, texts, found, languages=languages)
    report.excluded = [(e, reason) for e in wanted if (reason := excluded(e)) is not None]
    return report


__all__ = [
    "EXCLUDED",
    "FORMATS",
    "LANGUAGES",
    "BinderFile",
    "Report",
    "binder_path",
    "brief_texts",
    "expectations",
    "fidelity",
    "text_of",
]
