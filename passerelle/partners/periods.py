"""Periods recorded as years, and roles that may not overlap.

The binder gives some periods as years only: Canada was the MIRPS Support Platform's chair in
2021-2022 and its past chair in 2022-2023. A term written over two or more years changes hands
during its first and its last year, the day unknown; Passerelle reads it as running from 1 July of
its first year to 30 June of its last, so that a term ends when the next begins (chair 2021-2022:
1 July 2021 to 30 June 2022; past chair 2022-2023: 1 July 2022 to 30 June 2023) and on any day one
holder, not two, answers for a role. A single year (2015-2015), an open start ("since 2015") and
an open end ("until 2022") cover whole years. The period reads back as the years it was given.

`conflicts()` finds the roles a role may not overlap: in one forum, a holder holds one role at
a time, and a chair, a past chair or an incoming chair is one holder at a time (co-chairs,
vice-chairs, members and observers may be several).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

TERM_START = (7, 1)  # month, day: a term over several years begins on 1 July of its first year
TERM_END = (6, 30)  # and ends on 30 June of its last
ONE_HOLDER_ROLES = frozenset({"chair", "past_chair", "incoming_chair"})


def year_bounds(first: int | None, last: int | None) -> tuple[date | None, date | None]:
    """The days a period recorded as years covers (module docstring)."""
    if first is not None and last is not None and last > first:
        return date(first, *TERM_START), date(last, *TERM_END)
    start = date(first, 1, 1) if first is not None else None
    end = date(last, 12, 31) if last is not None else None
    return start, end


def overlap(
    start: date | None, end: date | None, other_start: date | None, other_end: date | None
) -> bool:
    """Whether two periods (both ends included, None: open) share a day."""
    begins = max((d for d in (start, other_start) if d), default=None)
    ends = min((d for d in (end, other_end) if d), default=None)
    return begins is None or ends is None or begins <= ends


@dataclass(frozen=True)
class RoleSpan:
    """What decides whether two roles conflict: the forum, the holder, the role, the period."""

    forum: Any
    holder: Any
    role: str
    start: date | None
    end: date | None


def conflict(one: RoleSpan, other: RoleSpan) -> bool:
    """Whether `one` and `other` may not both be held over the days they share."""
    if one.forum != other.forum or not overlap(one.start, one.end, other.start, other.end):
        return False
    same_holder = one.holder == other.holder
    same_seat = one.role == other.role and one.role in ONE_HOLDER_ROLES
    return same_holder or same_seat


def conflicts(one: RoleSpan, others: Iterable[RoleSpan]) -> list[RoleSpan]:
    """The roles among `others` that `one` conflicts with."""
    return [other for other in others if other is not one and conflict(one, other)]
