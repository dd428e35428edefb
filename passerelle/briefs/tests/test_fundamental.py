"""The Fundamental Brief holds every figure and name of the binder, in both languages and in
every format (Markdown, the text of the PDF, the paragraphs and tables of the DOCX)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document

from passerelle.briefs.services import build_brief, render
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user

# The binder's figures and names, as each language writes them (our own list, from the binder).
EXPECTED = {
    "en": [
        "281 million", "3.6%", "110 million", "27.1 million", "35.3 million", "US$669 billion",
        "1,000+", "15,000", "April 15, 2023", "2021-2022", "2022-2023", "December 2016", "2015",
        "61", "292", "110", "1,050", "350", "UNHCR", "IOM", "GRSI", "MIRPS", "RACBI", "CUAET",
        "Migration Five", "Five Country Ministerial", "IGC", "UNNM", "GFMD", "MPI",
        "Global Compact on Refugees", "Los Angeles Declaration", "Safe Mobility Offices",
        "Global Task Force on Labour Mobility", "Regional Conference on Migration",
        "Indo-Pacific Strategy", "Germany", "Global Affairs Canada", "Sudan", "Gaza", "Afghans",
        "Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Panama", "Washington",
        "Mexico City", "London", "Paris", "Bucharest", "Beijing", "New Delhi", "Manila",
        "Ankara", "Nairobi", "Havana", "International Migration Capacity Building Program",
        "removal cooperation", "climate mobility", "Venezuelan", "neighbouring Afghanistan",
    ],
    "fr": [
        "281 millions", "3,6 %", "110 millions", "27,1 millions", "35,3 millions",
        "669 milliards", "plus de 1 000", "15 000", "15 avril 2023", "2021-2022", "2022-2023",
        "décembre 2016", "2015", "61", "292", "110", "1 050", "350", "HCR", "OIM", "IMPR",
        "MIRPS", "RACBI", "AVUCU", "Groupe des cinq", "FMMD", "MPI",
        "Pacte mondial sur les réfugiés", "Déclaration de Los Angeles", "Indo-Pacifique",
        "Conférence régionale sur la migration", "Allemagne", "Affaires mondiales Canada",
        "Soudan", "Gaza", "Afghans", "Belize", "Costa Rica", "El Salvador", "Guatemala",
        "Honduras", "Panama", "Washington", "Mexico", "Londres", "Bucarest", "Manille",
        "Ankara", "Nairobi", "La Havane", "coopération en matière de renvois",
        "mobilité climatique", "vénézuéliens", "voisins de l’Afghanistan",
    ],
}  # fmt: skip


def _flat(text: str) -> str:
    """Spaces of every kind (no-break, narrow no-break, line breaks) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_fundamental_brief_has_every_figure_and_name_in_every_format(
    reference_data: None, language: str
) -> None:
    reader = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    brief = build_brief(kind="fundamental", user=reader, language=language)
    texts = {
        "md": render(brief, "md").decode(),
        "docx": _docx_text(render(brief, "docx")),
    }
    if shutil.which("pdftotext"):
        pdf = render(brief, "pdf")
        assert pdf.startswith(b"%PDF")
        texts["pdf"] = _pdf_text(pdf)
    for fmt, text in texts.items():
        flat = _flat(text)
        missing = [expected for expected in EXPECTED[language] if expected not in flat]
        assert not missing, f"{language} {fmt} lacks {missing}"
        # Marked, and every figure footnoted with its original publication.
        assert brief.marking() in flat
        assert ("World Migration Report 2022" in flat) or ("État de la migration" in flat)
    # The network annex's derived totals equal the binder's.
    annex = next(s for s in brief.sections if s.key == "annex")
    totals = next(s for s in brief.sections if s.key == "annex-network").tables[-1]
    assert all(row[1] == row[2] for row in totals.rows), totals.rows
    assert annex.images and annex.images[0].png.startswith(b"\x89PNG")
