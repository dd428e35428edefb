"""Released editions: keep each one, number them, and show what changed between two."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from passerelle.briefs.document import Brief
from passerelle.briefs.models import BriefEdition, BriefRequest
from passerelle.briefs.render.markdown import render_markdown
from passerelle.core.models import User


def release(brief: Brief, *, user: User, request: BriefRequest | None = None) -> BriefEdition:
    """Keep `brief` as the next edition of its kind, subject and language: an approved edition,
    frozen (briefs/models.py), of `request` where an approval chain approved it."""
    with transaction.atomic():
        same = BriefEdition.objects.select_for_update().filter(
            brief_kind=brief.kind, subject=brief.subject, language=brief.language
        )
        last = same.aggregate(last=Max("number"))["last"] or 0
        return BriefEdition.objects.create(
            brief_kind=brief.kind,
            subject=brief.subject,
            language=brief.language,
            number=last + 1,
            title=brief.title,
            markdown=render_markdown(brief),
            classification=brief.classification,
            illustrative=brief.illustrative,
            released_by=user,
            request=request,
        )


@dataclass(frozen=True)
class DiffLine:
    """One line of a comparison: `kind` is "added", "removed" or "same"."""

    kind: str
    text: str


def compare(old: BriefEdition, new: BriefEdition, *, context: int = 2) -> list[DiffLine]:
    """The lines that differ between two editions, with `context` unchanged lines around."""
    lines = []
    for line in difflib.unified_diff(
        old.markdown.splitlines(), new.markdown.splitlines(), lineterm="", n=context
    ):
        if line.startswith(("---", "+++", "@@")):
            if line.startswith("@@"):
                lines.append(DiffLine("gap", "…"))
            continue
        kind = {"+": "added", "-": "removed"}.get(line[:1], "same")
        lines.append(DiffLine(kind, line[1:]))
    return lines
