"""A quarter's proactive-disclosure CSV, exactly in the open.canada.ca layout (layout.py): UTF-8
with a byte-order mark, the columns in their order, `English|French` values, one row for each
agreement entered into in the quarter (amendment 0, its start date in the quarter) and one for
each amendment made in it, each amendment restating the agreement's total value. Every row is
checked by the layout's rules before anything is written: a project that breaks one is named with
the column and the reason (DisclosureError). A quarter with nothing to report gives the nil
report (fiscal_year, quarter). Only Unclassified projects are published, whoever exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from passerelle.core.classification import Classification
from passerelle.core.importing.report import RowError
from passerelle.programs.disclosure.layout import (
    COLUMNS,
    NIL_COLUMNS,
    PROGRAM,
    bilingual,
    row_errors,
)
from passerelle.programs.fiscal import QUARTER, quarter_bounds
from passerelle.programs.iati.export import public, public_one
from passerelle.programs.models import Amendment, Project


class DisclosureError(Exception):
    def __init__(self, summary: str, errors: list[Any]) -> None:
        self.errors = errors
        lines = [summary, *(f"  {e}" for e in errors[:100])]
        if len(errors) > 100:
            lines.append(f"  … and {len(errors) - 100} more")
        super().__init__("\n".join(lines))


def _money(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


def row(project: Project, amendment: Amendment | None = None) -> dict[str, str]:
    """The disclosure row of an agreement (amendment 0) or of one of its amendments."""
    recipient = project.recipient if public_one(project.recipient) else None
    headquarters = recipient.headquarters if recipient is not None else None
    headquarters = headquarters if public_one(headquarters) else None
    countries = sorted(public(project.countries.all()), key=lambda c: c.name_en)
    end = amendment.end_date if amendment is not None and amendment.end_date else project.end_date
    additional = ("", "")
    if amendment is not None and amendment.termination:
        additional = (f"termination: {amendment.reason_en}", f"résiliation : {amendment.reason_fr}")
    return {
        "ref_number": project.reference_number,
        "amendment_number": str(amendment.number if amendment is not None else 0),
        "amendment_date": amendment.date.isoformat() if amendment is not None else "",
        "agreement_type": project.agreement_type,
        "recipient_type": project.recipient_type,
        "recipient_business_number": "",
        "recipient_legal_name": bilingual(recipient.name_en, recipient.name_fr)
        if recipient
        else "",
        "recipient_operating_name": "",
        "research_organization_name": "",
        "recipient_country": headquarters.iso_alpha2 if headquarters is not None else "",
        "recipient_province": "",
        "recipient_city": bilingual(project.recipient_city_en, project.recipient_city_fr),
        "recipient_postal_code": "",
        "federal_riding_name_en": "",
        "federal_riding_name_fr": "",
        "federal_riding_number": "",
        **PROGRAM,
        "agreement_title_en": project.title_en,
        "agreement_title_fr": project.title_fr,
        "agreement_number": project.agreement_number,
        "agreement_value": _money(
            amendment.total_value_cad if amendment is not None else project.value_cad
        ),
        "foreign_currency_type": project.currency,
        "foreign_currency_value": _money(
            (amendment.total_value_foreign if amendment is not None else project.value_foreign)
            if project.currency
            else None
        ),
        "agreement_start_date": project.start_date.isoformat(),
        "agreement_end_date": end.isoformat(),
        "coverage": "; ".join(bilingual(c.name_en, c.name_fr) for c in countries),
        "description_en": project.description_en,
        "description_fr": project.description_fr,
        "naics_identifier": "",
        "expected_results_en": project.expected_results_en,
        "expected_results_fr": project.expected_results_fr,
        "additional_information_en": additional[0],
        "additional_information_fr": additional[1],
    }


def quarter_rows(quarter: str) -> tuple[list[dict[str, str]], bool]:
    """The rows of a quarter written 2024-25-Q3, in reference-number and amendment order, and
    whether any comes from an illustrative record."""
    first, last = quarter_bounds(quarter)
    public = Project.objects.filter(classification=Classification.UNCLASSIFIED).exclude(
        status=Project.Status.PIPELINE
    )
    related = public.select_related("recipient__headquarters").prefetch_related("countries")
    entries: list[tuple[str, int, dict[str, str], bool]] = []
    for project in related.filter(start_date__range=(first, last)):
        entries.append((project.reference_number, 0, row(project), project.illustrative))
    amendments = Amendment.objects.filter(
        project__in=related, date__range=(first, last), classification=Classification.UNCLASSIFIED
    ).select_related("project__recipient__headquarters")
    for amendment in amendments:
        project = amendment.project
        entries.append(
            (
                project.reference_number,
                amendment.number,
                row(project, amendment),
                project.illustrative or amendment.illustrative,
            )
        )
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries], any(e[3] for e in entries)


def _csv(columns: Iterable[str], rows: Iterable[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def quarter_file(quarter: str) -> tuple[bytes, bool, bool]:
    """The quarter's CSV (or its nil report), whether it is the nil report, and whether any row
    comes from an illustrative record."""
    match = QUARTER.match(quarter or "")
    if not match:
        raise DisclosureError(f"{quarter!r} is not a quarter written 2024-25-Q3.", [])
    rows, illustrative = quarter_rows(quarter)
    if not rows:
        start = int(match[1][:4])
        nil = {"fiscal_year": f"{start}-{start + 1}", "quarter": f"Q{match[2]}"}
        return _csv(NIL_COLUMNS, [nil]), True, False
    errors: list[RowError] = []
    for number, values in enumerate(rows, start=2):
        for error in row_errors(values, number):
            errors.append(
                RowError(error.row, error.column, f"{error.reason} ({values['ref_number']})")
            )
    if errors:
        raise DisclosureError(
            "The quarter's file would break the disclosure's rules (row, column, reason):", errors
        )
    return _csv(COLUMNS, rows), False, illustrative
