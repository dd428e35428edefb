"""The statistics of the signals and the disparity view, as pure functions of counts (so they can
be checked by hand): two-proportion z-tests, Wilson intervals, Benjamini–Hochberg control, and
refusal rates directly standardised for program mix."""

from __future__ import annotations

import math
from dataclasses import dataclass

# statsmodels takes two and a half seconds to import: each function imports what it uses, so
# the pages and commands that never compute a test do not pay for it.

Z95 = 1.959963984540054
FDR = 0.05


@dataclass(frozen=True)
class Test:
    """One comparison of x/n against a baseline x0/n0."""

    key: tuple[str, str, str]
    x: int
    n: int
    x0: int
    n0: int
    value: float
    baseline: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float


def compare(key: tuple[str, str, str], *, x: int, n: int, x0: int, n0: int) -> Test:
    """A two-proportion z-test (pooled) of x/n against x0/n0, with a Wilson interval for x/n."""
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest

    if x0 in (0, n0) and x in (0, n):
        z, p = 0.0, 1.0  # no variance: nothing to test
    else:
        z_raw, p_raw = proportions_ztest([x, x0], [n, n0])
        z, p = float(z_raw), float(p_raw)
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    return Test(key, x, n, x0, n0, x / n, x0 / n0, float(low), float(high), z, p)


def adjust(p_values: list[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate."""
    if not p_values:
        return []
    from statsmodels.stats.multitest import multipletests

    _reject, corrected, _a, _b = multipletests(p_values, alpha=FDR, method="fdr_bh")
    return [float(q) for q in corrected]


@dataclass(frozen=True)
class Standardised:
    """A citizenship's crude and program-standardised refusal rates with 95 % intervals."""

    citizenship: str
    judged: int
    refused: int
    crude: float
    crude_low: float
    crude_high: float
    adjusted: float
    adjusted_low: float
    adjusted_high: float
    coverage: float  # the share of the standard population's weight the citizenship covers


def standardise(
    strata: dict[str, tuple[int, int]], *, weights: dict[str, float], citizenship: str
) -> Standardised:
    """Direct standardisation: the refusal rate the citizenship would have with the standard
    (all citizenships') program mix. `strata` maps program -> (refused, judged). Programs where
    the citizenship has no decision are left out and the weights of the others rescaled; the
    variance is sum(w^2 r (1 - r) / n) and the interval normal."""
    from statsmodels.stats.proportion import proportion_confint

    present = {p: v for p, v in strata.items() if v[1] > 0 and weights.get(p, 0) > 0}
    refused = sum(v[0] for v in strata.values())
    judged = sum(v[1] for v in strata.values())
    crude_low, crude_high = proportion_confint(refused, judged, alpha=0.05, method="wilson")
    coverage = sum(weights[p] for p in present)
    adjusted = variance = 0.0
    for program, (x, n) in present.items():
        w = weights[program] / coverage
        rate = x / n
        adjusted += w * rate
        variance += w * w * rate * (1 - rate) / n
    margin = Z95 * math.sqrt(variance)
    return Standardised(
        citizenship=citizenship,
        judged=judged,
        refused=refused,
        crude=refused / judged,
        crude_low=float(crude_low),
        crude_high=float(crude_high),
        adjusted=adjusted,
        adjusted_low=max(0.0, adjusted - margin),
        adjusted_high=min(1.0, adjusted + margin),
        coverage=coverage,
    )
