"""Outcomes of the usual kinds of work, so that an app's job function stays a few lines."""

from __future__ import annotations

from typing import Any

from passerelle.core.jobs.registry import Outcome


def import_outcome(report: Any, *, dry_run: bool = False) -> Outcome:
    """An import's report (core/importing/report.py) as a job's outcome: its counts, and each
    rejected value with its file, row, column and reason."""
    return Outcome(
        ok=report.ok,
        result={
            "kind": report.kind,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "dry_run": dry_run,
        },
        errors=[error.as_dict() for error in report.errors],
    )
