"""Reading the indicators: series, a country's figures, the binder's figures reconciled.

Pages, the API, the country panel and the briefs read through these functions, so a figure is
chosen once (the current release's, never a superseded one) and looks the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Citation, Fact, Source
from passerelle.indicators.models import ImportRun, Indicator, Observation


def run_summary(run: ImportRun) -> list[str]:
    """The lines the command prints and the upload page shows."""
    problems = run.problems or {}
    lines = [
        f"{run.kind}: {run.file_name} (SHA-256 {run.checksum[:12]}…) — {run.get_outcome_display()}",
        f"  release: {run.source}" if run.source else "  release: -",
        f"  rows read: {run.rows_read}; observations imported: {run.imported}; "
        f"UNHCR origin → asylum rows: {run.corridors}; earlier observations superseded: "
        f"{run.superseded}; rows rejected: {run.rejected}; {run.seconds:.2f} s",
    ]
    for reason, count in sorted((problems.get("skipped") or {}).items()):
        lines.append(f"  skipped: {count} × {reason}")
    for code, name in sorted((problems.get("kept_codes") or {}).items()):
        lines.append(f"  kept as it is (not an ISO country): {code} — {name}")
    for error in problems.get("rejected") or []:
        lines.append(
            f"  rejected: {error['file']}, row {error['row']}, column {error['column'] or '-'}: "
            f"{error['reason']}"
        )
    if problems.get("rejected_total", 0) > len(problems.get("rejected") or []):
        lines.append(f"  … {problems['rejected_total']} rejections in all")
    return lines


def current(user: Any) -> QuerySet[Observation]:
    """The observations the user may see, of the current releases only."""
    return (
        Observation.objects.restrict(user, "view")
        .filter(superseded=False)
        .select_related("indicator", "source")
    )


def series(user: Any, *, indicator: str, geography: str, breakdown: str = "") -> list[Observation]:
    """One indicator for one geography, oldest period first."""
    return list(
        current(user)
        .filter(indicator__code=indicator, geography=geography, breakdown=breakdown)
        .order_by("period_end")
    )


# The country panel's figures: (label, indicator code). The first found with a value is shown.
COUNTRY_FIGURES = [
    (_("International migrants living in the country"), "undesa.migrant_stock"),
    (_("Migrants as a share of the population"), "undesa.migrant_share"),
    (_("Refugees hosted (UNHCR mandate)"), "unhcr.refugees.asylum"),
    (_("Refugees originating from the country"), "unhcr.refugees.origin"),
    (_("Asylum-seekers originating from the country"), "unhcr.asylum_seekers.origin"),
    (_("Internally displaced persons (UNHCR)"), "unhcr.idps.origin"),
    (_("Remittances received"), "wdi.BX.TRF.PWKR.CD.DT"),
    (_("Study permit holders in Canada (citizens of the country)"), "ircc.study_permit_holders"),
    (_("Processing time: visitor visa"), "ircc.ptime.visitor-outside-canada"),
    (_("Processing time: study permit"), "ircc.ptime.study"),
    (_("Processing time: work permit"), "ircc.ptime.work"),
]


def country_figures(user: Any, iso_alpha3: str) -> list[tuple[Any, Observation]]:
    """The country panel's figures that exist for the country, each the latest with a value
    (one query for all of them)."""
    latest: dict[str, Observation] = {}
    observations = current(user).filter(
        indicator__code__in=[code for _label, code in COUNTRY_FIGURES],
        geography=iso_alpha3,
        breakdown="",
        value__isnull=False,
    )
    for observation in observations.order_by("-period_end"):
        latest.setdefault(observation.indicator.code, observation)
    return [(label, latest[code]) for label, code in COUNTRY_FIGURES if code in latest]


@dataclass
class Reconciled:
    """A binder figure beside the imported figure that measures nearly the same thing."""

    fact: Fact
    observation: Observation | None
    explanation: Any
    coverage_warning: bool = False


# (fact key, indicator, geography, period, why the two differ)
RECONCILIATIONS = [
    (
        "migrants-international-2020",
        "undesa.migrant_stock",
        "WLD",
        "2020",
        _(
            "The same estimate: the binder rounds UN DESA’s International Migrant Stock 2020 "
            "(mid-year) to 281 million, as IOM’s World Migration Report 2022 does."
        ),
    ),
    (
        "migrants-share-of-world-population-2020",
        "undesa.migrant_share",
        "WLD",
        "2020",
        _("The same estimate, rounded to one decimal."),
    ),
    (
        "refugees-2022",
        "unhcr.refugees.asylum",
        "WLD",
        "2022",
        _(
            "UNHCR’s database counts refugees under UNHCR’s mandate (29.4 million at the end of "
            "2022 in UNHCR’s Global Trends 2022). The binder’s 35.3 million adds the 5.9 million "
            "Palestine refugees under the mandate of UNRWA. The imported figure is the sum of "
            "the rows of the file imported: a file that covers only some countries of asylum "
            "gives only their total."
        ),
    ),
    (
        "remittances-lmic-2023",
        "wdi.BX.TRF.PWKR.CD.DT",
        "LMY",
        "2023",
        _(
            "The binder’s US$669 billion is the World Bank’s estimate for 2023 in its Migration "
            "and Development Brief 39 (December 2023), made before the year’s balance-of-payments "
            "data were in. The WDI series is a later release of reported personal remittances "
            "(IMF balance-of-payments data and World Bank staff estimates), for the low- and "
            "middle-income countries of the current income classification, so the figures differ."
        ),
    ),
]


def reconciliations(user: Any) -> list[Reconciled]:
    """The binder's headline figures beside the imported series, each difference explained.
    Neither figure replaces the other: the fact stays as the binder cites it (its citations are
    prefetched, so the binder's figure is shown with its sources as the imported one is)."""
    cited = Citation.objects.filter(source__in=Source.objects.all()).select_related("source")
    facts = {
        fact.key: fact
        for fact in Fact.objects.restrict(user, "view")
        .filter(key__in=[key for key, *_rest in RECONCILIATIONS])
        .prefetch_related(Prefetch("citations", queryset=cited))
    }
    result = []
    for key, code, geography, period, explanation in RECONCILIATIONS:
        fact = facts.get(key)
        if fact is None:
            continue
        observation = (
            current(user)
            .filter(indicator__code=code, geography=geography, period=period, breakdown="")
            .first()
        )
        warning = bool(
            observation is not None
            and observation.notes
            and "countries of asylum" in observation.notes
            and _countries_of_asylum(observation.notes) < 100
        )
        result.append(Reconciled(fact, observation, explanation, warning))
    return result


def _countries_of_asylum(notes: str) -> int:
    """From the WLD total's notes ("… (7 countries of asylum)."), how many countries it sums."""
    try:
        return int(notes.rsplit("(", 1)[1].split(" ", 1)[0])
    except (IndexError, ValueError):
        return 0


def indicators(user: Any) -> QuerySet[Indicator]:
    return Indicator.objects.restrict(user, "view").order_by("code")
