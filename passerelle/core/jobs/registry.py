"""The kinds of job: each is one registration (`register`), made where the work lives (an app's
`jobs.py`, found by CoreConfig.ready()), so the queue, the pages and the command know it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from passerelle.core.models.jobs import Job


@dataclass
class Outcome:
    """What a job's work gives back: `ok` (False: it failed, e.g. rows refused, and nothing
    was written), a `result` shown on the job's page (JSON), a file it wrote in the job's folder
    (`file`, its name) or a link to what it made (`url`), and the `errors` as the importers
    report them (file, row, column, reason)."""

    ok: bool = True
    result: dict[str, Any] = field(default_factory=dict)
    file: str = ""
    url: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""


@dataclass(frozen=True)
class JobKind:
    """A kind of job: its name (`app.what`), its label, the function that does the work (given
    the job, reading as the user who started it), and the template that shows its result."""

    name: str
    label: str | Promise
    run: Callable[[Job], Outcome]
    result_template: str = "core/jobs/result.html"


KINDS: dict[str, JobKind] = {}


def register(
    name: str,
    *,
    label: str | Promise,
    run: Callable[[Job], Outcome],
    result_template: str = "core/jobs/result.html",
) -> JobKind:
    """Declare a kind of job (once, at start-up)."""
    kind = JobKind(name, label, run, result_template)
    KINDS[name] = kind
    return kind


def get(name: str) -> JobKind:
    if name not in KINDS:
        raise LookupError(f"unknown job kind {name!r}; known: {', '.join(sorted(KINDS))}")
    return KINDS[name]
