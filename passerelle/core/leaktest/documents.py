"""The text a reader gets from a response, whatever its kind: pages, CSV, JSON, Markdown, and
the text inside PDF and DOCX files."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from typing import Any

_TAG = re.compile(r"<[^>]+>")


def text_of(response: Any) -> str:
    """Everything a reader could read in `response`: its headers, then its body's text."""
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return headers + "\n\n" + body_text(response)


def body_text(response: Any) -> str:
    """The text of `response`'s body."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return pdf_text(body)
    if "wordprocessingml" in content_type:
        return docx_text(body)
    text = body.decode("utf-8", errors="replace")
    if content_type.startswith("text/calendar"):  # long lines are folded (RFC 5545, 3.1)
        return text.replace("\r\n ", "").replace("\r\n\t", "")
    return text


def pdf_text(body: bytes) -> str:
    """The text of a PDF (poppler's pdftotext), with words joined again across hyphenation,
    and its metadata (pdfinfo)."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
    ).stdout.decode("utf-8", errors="replace")
    info = subprocess.run(
        ["pdfinfo", "-"], input=body, capture_output=True, check=False
    ).stdout.decode("utf-8", errors="replace")
    return re.sub(r"-\n\s*", "", text) + "\n" + info


def docx_text(body: bytes) -> str:
    """Every text part of a DOCX package (document, headers, footers, notes, properties), with
    the markup removed, so a word split across runs reads whole."""
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        parts = [
            package.read(name).decode("utf-8", errors="replace")
            for name in package.namelist()
            if name.endswith(".xml")
        ]
    return "\n".join(_TAG.sub("", part) for part in parts)
