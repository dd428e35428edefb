"""Writing a parsed file: all or nothing, every release kept, every run recorded.

- The same file (same kind and SHA-256) imported again writes no observation: the run is
  recorded as "unchanged".
- A file with any rejected value writes nothing: the run is recorded as "failed" with every
  rejection (file, row, column, reason).
- Otherwise, in one transaction: the release's `core.Source` (created, or reused when it is the
  same release), the indicators, then the observations and UNHCR rows in bulk. Where an earlier
  release holds the same figure (indicator, geography, breakdown, period), the older release's
  observation is kept and marked superseded — never overwritten.

Observations are inserted in bulk (core/fastinsert.py; a full UNHCR table is about 139,000
rows), which bypasses the change log's signals: their change records are written in bulk too
(core.changelog.record_bulk), one per observation, corridor or superseded flag, beside the
ImportRun's own with the file's checksum and the counts.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from passerelle.core.changelog import change_context, record_bulk
from passerelle.core.fastinsert import insert
from passerelle.core.importing.report import RowError
from passerelle.core.models import ChangeRecord, Source, User
from passerelle.indicators.importers.base import Parsed, Release
from passerelle.indicators.models import Corridor, ImportRun, Indicator, Observation

MAX_PROBLEMS = 200


def write(
    parsed: Parsed,
    *,
    kind: str,
    file_name: str,
    checksum: str,
    retrieved: datetime.date,
    user: User | None,
    progress: Callable[[int], Any] | None = None,
) -> ImportRun:
    """Write `parsed` as one import run and return the run (its outcome says what happened)."""
    started = time.perf_counter()
    run = ImportRun(
        kind=kind,
        file_name=file_name[:300],
        checksum=checksum,
        rows_read=parsed.rows_read,
        user=user,
        problems=_problems(parsed),
    )
    with change_context(actor=f"import:{kind}", user=user):
        previous = ImportRun.objects.filter(
            kind=kind, checksum=checksum, outcome=ImportRun.Outcome.IMPORTED
        ).first()
        if previous is not None:
            run.outcome = ImportRun.Outcome.UNCHANGED
            run.source = previous.source
            return _finish(run, started)
        conflict = _release_conflict(parsed.release, checksum)
        if conflict:
            run.problems["rejected"].append(RowError(0, "", conflict, file=file_name).as_dict())
            run.problems["rejected_total"] += 1
        if parsed.errors or conflict:
            run.outcome = ImportRun.Outcome.FAILED
            run.rejected = len({(e.row, e.file) for e in parsed.errors}) or 1
            return _finish(run, started)
        with transaction.atomic():
            run.source = _source(parsed.release, retrieved=retrieved, checksum=checksum)
            run.outcome = ImportRun.Outcome.IMPORTED
            run.save()
            indicators = _indicators(parsed)
            run.superseded, new_superseded = _supersede(parsed, indicators, run.source)
            run.imported = _insert(parsed, indicators, run, retrieved, new_superseded, progress)
            run.corridors = _insert_corridors(parsed, run, progress)
            for model in (Observation, Corridor):
                written = model._base_manager.filter(import_run=run)
                record_bulk(model, written, action=ChangeRecord.Action.CREATE)
            return _finish(run, started)


def _finish(run: ImportRun, started: float) -> ImportRun:
    run.seconds = round(time.perf_counter() - started, 3)
    run.save()
    return run


def _problems(parsed: Parsed) -> dict[str, Any]:
    return {
        "rejected": [error.as_dict() for error in parsed.errors[:MAX_PROBLEMS]],
        "rejected_total": len(parsed.errors),
        "skipped": dict(parsed.skipped),
        "kept_codes": parsed.kept_codes,
    }


def _mark_superseded(model: type[Observation] | type[Corridor], pks: list[int]) -> None:
    """Mark the rows superseded, 900 at a time (SQLite allows 999 parameters a statement), with
    a change record each."""
    for start in range(0, len(pks), 900):
        batch = model._base_manager.filter(pk__in=pks[start : start + 900])
        batch.update(superseded=True)
        record_bulk(model, batch, action=ChangeRecord.Action.UPDATE, before={"superseded": False})


def _source_key(release: Release) -> str:
    return slugify(f"{release.key}-{release.edition}")[:100]


def _release_conflict(release: Release, checksum: str) -> str:
    """Why the file cannot be this release, or "" (a release is read from one file only)."""
    key = _source_key(release)
    source = Source.objects.filter(key=key).first()
    if source is None or not source.checksum or source.checksum == checksum:
        return ""
    return (
        f"the release {release.edition!r} ({key}) was already imported from another file "
        f"(SHA-256 {source.checksum[:12]}…); name this file's release with --release"
    )


def _source(release: Release, *, retrieved: datetime.date, checksum: str) -> Source:
    source = Source.objects.filter(key=_source_key(release)).first()
    if source is None:
        return Source.objects.create(
            key=_source_key(release),
            publisher_en=release.publisher_en,
            publisher_fr=release.publisher_fr,
            title_en=release.title_en,
            title_fr=release.title_fr,
            edition_en=release.edition[:100],
            edition_fr=release.edition[:100],
            published=release.published,
            identifier=release.identifier[:500],
            retrieved=retrieved,
            checksum=checksum,
        )
    return source


def _indicators(parsed: Parsed) -> dict[str, Indicator]:
    existing = {i.code: i for i in Indicator.objects.filter(code__in=list(parsed.indicators))}
    for code, spec in parsed.indicators.items():
        values = {k: v for k, v in spec.__dict__.items() if k != "code"}
        indicator = existing.get(code)
        if indicator is None:
            existing[code] = Indicator.objects.create(code=code, **values)
        elif any(getattr(indicator, k) != v for k, v in values.items()):
            for field, value in values.items():
                setattr(indicator, field, value)
            indicator.save()
    return existing


def _is_newer(new: datetime.date | None, old: datetime.date | None) -> bool:
    """A release is newer unless both have a publication date and its own is earlier."""
    return new is None or old is None or new >= old


def _supersede(
    parsed: Parsed, indicators: dict[str, Indicator], source: Source
) -> tuple[int, set[tuple[str, str, str, str]]]:
    """Mark earlier releases' observations of the same figures superseded; return how many, and
    the keys of this file's values that an existing, newer release already holds."""
    ids = {indicator.pk: code for code, indicator in indicators.items()}
    current = (
        Observation.objects.filter(indicator_id__in=list(ids), superseded=False)
        .exclude(source=source)
        .values_list("pk", "indicator_id", "geography", "breakdown", "period", "source__published")
    )
    keys = {value.key for value in parsed.values}
    older, newer = [], set()
    for pk, indicator_id, geography, breakdown, period, published in current.iterator():
        key = (ids[indicator_id], geography, breakdown, period)
        if key not in keys:
            continue
        if _is_newer(parsed.release.published, published):
            older.append(pk)
        else:
            newer.add(key)
    _mark_superseded(Observation, older)
    return len(older), newer


def _insert(
    parsed: Parsed,
    indicators: dict[str, Indicator],
    run: ImportRun,
    retrieved: datetime.date,
    superseded: set[tuple[str, str, str, str]],
    progress: Callable[[int], Any] | None,
) -> int:
    assert run.source is not None
    ids = {code: indicator.pk for code, indicator in indicators.items()}
    rows = (
        {
            "indicator_id": ids[value.indicator],
            "geography": value.geography,
            "geography_kind": value.kind,
            "geography_name": value.name[:200],
            "breakdown": value.breakdown,
            "period": value.period,
            "period_end": value.period_end,
            "value": value.value,
            "status": value.status,
            "source_id": run.source.pk,
            "retrieved": retrieved,
            "import_run_id": run.pk,
            "superseded": value.key in superseded,
            "notes": value.notes,
        }
        # in the unique index's order, so each insert appends to the index rather than seeks
        for value in sorted(parsed.values, key=lambda v: (ids[v.indicator], *v.key[1:]))
    )
    return insert(Observation, rows, progress=progress)


def _insert_corridors(parsed: Parsed, run: ImportRun, progress: Callable[[int], Any] | None) -> int:
    if not parsed.corridors:
        return 0
    assert run.source is not None
    years = {row["year"] for row in parsed.corridors}
    keys = {(row["year"], row["origin"], row["asylum"]) for row in parsed.corridors}
    earlier = (
        Corridor.objects.filter(year__in=years, superseded=False)
        .exclude(source=run.source)
        .values_list("pk", "year", "origin", "asylum", "source__published")
    )
    published = run.source.published
    older = [
        pk
        for pk, year, origin, asylum, before in earlier.iterator()
        if (year, origin, asylum) in keys and _is_newer(published, before)
    ]
    _mark_superseded(Corridor, older)
    rows = (
        {"source_id": run.source.pk, "import_run_id": run.pk, **row} for row in parsed.corridors
    )
    return insert(Corridor, rows, progress=progress)
