"""The disparity view: refusal rates by citizenship over the latest twelve months, crude and
directly standardised for program mix (the mix of all citizenships' decisions), with 95 %
intervals. A statistical disparity between groups of applications — not evidence of bias: it
leaves out every other difference between the applications (documents, purpose, history)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from passerelle.operations import seen, store
from passerelle.operations.signals import Periods, latest_periods
from passerelle.operations.statistics import Standardised, standardise

MINIMUM_DECISIONS = 100


@dataclass(frozen=True)
class Disparity:
    span: Periods
    global_rate: float
    weights: dict[str, float]
    rows: list[Standardised]


def strata(span: Periods) -> dict[str, dict[str, tuple[int, int]]]:
    """citizenship -> program -> (refused, approved + refused) in the current period."""
    con = store.connect()
    rows = con.execute(
        "SELECT citizenship, program, sum(refused), sum(approved + refused) "
        "FROM read_parquet(?, hive_partitioning = true) "
        "WHERE decision_month BETWEEN ? AND ? GROUP BY ALL",
        [store.glob(store.cube_dir()), span.current[0], span.current[1]],
    ).fetchall()
    found: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for citizenship, program, refused, judged in rows:
        found[citizenship][program] = (int(refused), int(judged))
    return found


def disparity(*, citizenship: str | None = None, minimum: int | None = None) -> Disparity | None:
    """Every citizenship with at least `minimum` decisions (default MINIMUM_DECISIONS), or only
    `citizenship`, worst adjusted rate first."""
    least = MINIMUM_DECISIONS if minimum is None else minimum
    span = latest_periods()
    if span is None:
        return None
    by_country = strata(span)
    by_program: dict[str, int] = defaultdict(int)
    refused_total = judged_total = 0
    for programs in by_country.values():
        for program, (x, n) in programs.items():
            by_program[program] += n
            refused_total += x
            judged_total += n
    if not judged_total:
        return None
    weights = {p: n / judged_total for p, n in by_program.items()}
    withheld = seen.hidden()["citizenship"]
    rows = [
        standardise(programs, weights=weights, citizenship=code)
        for code, programs in by_country.items()
        if (citizenship is None or code == citizenship)
        and code not in withheld
        and sum(n for _x, n in programs.values()) >= least
    ]
    rows.sort(key=lambda r: (-r.adjusted, r.citizenship))
    return Disparity(
        span=span, global_rate=refused_total / judged_total, weights=weights, rows=rows
    )
