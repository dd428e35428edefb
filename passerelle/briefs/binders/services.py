"""What changes a binder: its parts' order (move a part up or down, remove one, keeping the
order 1, 2, 3…) and a part's freezing at the released editions of its brief. The caller (a page,
the API, a command) owns the transaction; every write goes through the model's save, so the
change log records it."""

from __future__ import annotations

from typing import Any

from passerelle.briefs.models import Binder, BinderPart, BriefEdition


def renumber(binder: Binder) -> None:
    """Number the binder's parts 1, 2, 3… in their order, saving only those that move."""
    for order, part in enumerate(binder.parts.order_by("order", "pk"), start=1):
        if part.order != order:
            part.order = order
            part.save(update_fields=["order", "version", "last_updated"])


def next_order(binder: Binder) -> int:
    last = binder.parts.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def move(part: BinderPart, step: int) -> None:
    """Move `part` one place up (`step` -1) or down (+1) among the parts its mover may see;
    the parts they may not see keep their places."""
    renumber(part.binder)
    part.refresh_from_db()
    parts = list(part.binder.parts.order_by("order", "pk"))
    index = next(i for i, p in enumerate(parts) if p.pk == part.pk)
    other = index + step
    if not 0 <= other < len(parts):
        return
    neighbour = parts[other]
    part.order, neighbour.order = neighbour.order, part.order
    for moved in (part, neighbour):
        moved.save(update_fields=["order", "version", "last_updated"])


def remove(part: BinderPart) -> None:
    binder = part.binder
    part.delete()
    renumber(binder)


def latest_editions(kind: str, subject: str) -> dict[str, BriefEdition | None]:
    """The latest released edition of a brief in each language (that the reader may see)."""
    found = BriefEdition.objects.filter(brief_kind=kind, subject=subject).order_by("-number")
    return {language: found.filter(language=language).first() for language in ("en", "fr")}


def freeze(part: BinderPart) -> Any:
    """Set a frozen part's editions to its brief's latest released ones (kept as they were if
    the part was frozen already); a live part holds none."""
    if not part.frozen:
        part.edition_en = part.edition_fr = None
        return part
    latest = latest_editions(part.kind, part.subject)
    part.edition_en = part.edition_en or latest["en"]
    part.edition_fr = part.edition_fr or latest["fr"]
    return part
