"""The codes an application record may carry: programs, decisions, age bands, sexes, offices and
countries. The program codes are documented in docs/operations.md."""

from __future__ import annotations

import csv
from functools import lru_cache

import pycountry
from django.conf import settings
from django.utils.translation import gettext_lazy as _

PROGRAMS: dict[str, object] = {
    "visitor_visa": _("Visitor visa"),
    "super_visa": _("Super visa (parents and grandparents)"),
    "transit_visa": _("Transit visa"),
    "study_permit": _("Study permit"),
    "work_permit_imp": _("Work permit, International Mobility Program"),
    "work_permit_tfwp": _("Work permit, Temporary Foreign Worker Program"),
    "pr_economic": _("Permanent residence, economic class"),
    "pr_family": _("Permanent residence, family class"),
    # The special measures in response to crises (the pathways app's measures name them).
    "afghan_sim": _("Afghanistan, Special Immigration Measures"),
    "afghan_humanitarian": _("Afghanistan, humanitarian program"),
    "cuaet": _("Canada-Ukraine Emergency Authorization for Travel (CUAET)"),
    "americas_humanitarian_pr": _("Americas, humanitarian permanent residence pathway"),
    "sudan_family_pr": _("Sudan, family-based humanitarian pathway"),
    "gaza_trv": _("Gaza, temporary resident visas for extended family"),
}
# The programs every citizenship applies to; the crisis measures' are drawn apart (generator).
REGULAR_PROGRAMS = tuple(list(PROGRAMS)[:8])
CRISIS_PROGRAMS = tuple(list(PROGRAMS)[8:])
DECIDED = ("approved", "refused", "withdrawn")
DECISIONS = (*DECIDED, "pending")
DECISION_LABELS: dict[str, object] = {
    "approved": _("Approved"),
    "refused": _("Refused"),
    "withdrawn": _("Withdrawn"),
    "pending": _("Pending"),
}
AGE_BANDS = ("0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
SEXES = ("F", "M", "X")
# What the metrics (analytics) and the compliance with the standards may be grouped by; kept here,
# with the codes, so that the API's and the pages' forms name them without importing Ibis.
GROUPS = ("decision_month", "decision_year", "program", "office", "citizenship")
COMPLIANCE_BY = ("citizenship", "office", "decision_month", "program")
# the Parquet metadata key the generator sets on its (illustrative) files
ILLUSTRATIVE_KEY = b"passerelle.illustrative"
COLUMNS = (
    "application_id",
    "citizenship",
    "residence",
    "office",
    "program",
    "received_date",
    "decision_date",
    "decision",
    "age_band",
    "sex",
)


@lru_cache(maxsize=1)
def reference_offices() -> dict[str, str]:
    """Office code -> area office code, from the network reference file in the repository."""
    path = settings.PROJECT_DIR / "data" / "reference" / "network" / "offices.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row["area_office"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def reference_jurisdictions() -> dict[str, str]:
    """Country ISO alpha-3 -> the office that serves it, from the network reference file."""
    path = settings.PROJECT_DIR / "data" / "reference" / "network" / "jurisdictions.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["country"]: row["office"] for row in csv.DictReader(handle)}


def known_offices() -> set[str]:
    """Office codes: the reference file's and any office recorded in the network app."""
    codes = set(reference_offices())
    try:
        from passerelle.network.models import Office

        codes.update(Office.objects.values_list("code", flat=True))
    except Exception:  # noqa: S110 - the database may not be ready (e.g. generate)
        pass
    return codes


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (pycountry), plus XKX (Kosovo) as used by UNHCR and others."""
    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})
