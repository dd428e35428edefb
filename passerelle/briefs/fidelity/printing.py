"""The comparison as a person reads it (`passerelle brief fidelity`): per part of the binder,
per language and format, how much of what the binder says the brief holds, then what is
missing, each with the binder's line; what is left out on purpose, with its reason."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from passerelle.briefs.fidelity.compare import Finding, Report

KINDS = {"figure": "figure", "name": "name", "text": "sentence", "row": "annex row"}


def lines(report: Report, *, present: bool = False) -> Iterator[str]:
    """The report's lines; with `present`, every expectation found is listed too."""
    parts: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        parts[finding.expectation.part].append(finding)
    keys = sorted({(f.language, f.fmt) for f in report.findings}, key=_order)
    for part, findings in parts.items():
        yield part
        for language in dict.fromkeys(language for language, _fmt in keys):
            counts = []
            for fmt in (fmt for lang, fmt in keys if lang == language):
                here = [f for f in findings if (f.language, f.fmt) == (language, fmt)]
                counts.append(f"{fmt} {sum(f.found for f in here)}/{len(here)}")
            yield f"  {language}  " + "  ".join(counts)
        for finding in findings:
            if not finding.found:
                yield "  missing " + describe(finding)
            elif present:
                yield "  present " + describe(finding)
    if report.excluded:
        yield f"Left out on purpose ({len(report.excluded)}):"
        for expectation, reason in report.excluded:
            what = f"{KINDS[expectation.kind]} {expectation.text!r}"
            yield f"  line {expectation.line} {what}: {reason}"
    found = sum(f.found for f in report.findings)
    yield (
        f"{len(report.findings)} checks ({_expectations(report)} things the binder says, "
        f"in {len(keys)} language and format pairs): {found} present, "
        f"{len(report.findings) - found} missing."
    )


def describe(finding: Finding) -> str:
    """One finding: language, format, the binder's line, what it is, how it was looked for."""
    expectation = finding.expectation
    looked = f" ({finding.how})" if finding.how else ""
    forms = ""
    if not finding.found and finding.forms and finding.forms != (expectation.text,):
        forms = " as " + " | ".join(repr(f[:80]) for f in finding.forms[:3])
    return (
        f"{finding.language} {finding.fmt}  line {expectation.line} "
        f"{KINDS[expectation.kind]}: {expectation.text!r}{forms}{looked}"
    )


def _expectations(report: Report) -> int:
    return len({(f.expectation.part, f.expectation.key) for f in report.findings})


def _order(key: tuple[str, str]) -> tuple[int, int]:
    language, fmt = key
    return (("en", "fr").index(language), ("md", "pdf", "docx").index(fmt))
