"""Import of a proactive-disclosure CSV (a past quarter), all or nothing.

Every row is checked by the layout's rules (layout.py) and then against the records: the
recipient is an organization of `partners` (its English legal name), each place of `coverage` a
country (its English name), an amendment's agreement known (in the file or the database). Any
error — row, column, reason — writes nothing. Amendment 0 creates or brings up to date the
project with that reference number (in the funding envelope given: the disclosure has none);
an amendment row creates or updates the amendment, its value the agreement's restated total. A
nil report (fiscal_year, quarter) imports nothing and says so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from passerelle.core.importing.report import ImportReport, RowError
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.disclosure.export import DisclosureError
from passerelle.programs.disclosure.layout import COLUMNS, NIL_COLUMNS, row_errors
from passerelle.programs.models import Amendment, FundingEnvelope, Project


@dataclass
class DisclosureReport(ImportReport):
    """The import framework's report (core/importing/report.py: rows read, every RowError with
    its file, row, column and reason), with the agreements and amendments written and the nil
    report's quarter."""

    kind: str = "disclosure"
    projects: int = 0
    amendments: int = 0
    nil: str = ""


def _split(value: str) -> tuple[str, str]:
    english, _bar, french = value.partition("|")
    return english.strip(), (french or english).strip()


def _rows(document: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = document.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DisclosureError("Not a UTF-8 file.", [str(error)]) from None
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def _project(
    row: dict[str, str], number: int, envelope: FundingEnvelope, report: DisclosureReport
) -> None:
    english, _french = _split(row["recipient_legal_name"])
    recipient = Organization.objects.filter(name_en=english).first()
    if recipient is None:
        report.errors.append(
            RowError(
                number, "recipient_legal_name", f"no organization named {english!r} in Partners"
            )
        )
    countries = []
    for place in filter(None, (p.strip() for p in row["coverage"].split(";"))):
        name = _split(place)[0]
        country = Country.objects.filter(name_en=name).first()
        if country is None:
            report.errors.append(RowError(number, "coverage", f"no country named {name!r}"))
        else:
            countries.append(country)
    if recipient is None:
        return
    project = Project.objects.filter(reference_number=row["ref_number"]).first() or Project()
    city_en, city_fr = _split(row["recipient_city"])
    values = {
        "reference_number": row["ref_number"],
        "agreement_number": row["agreement_number"],
        "agreement_type": row["agreement_type"] or "G",
        "recipient": recipient,
        "recipient_type": row["recipient_type"] or project.recipient_type or "I",
        "recipient_city_en": city_en,
        "recipient_city_fr": city_fr,
        "title_en": row["agreement_title_en"] or _split(row["description_en"])[0][:250],
        "title_fr": row["agreement_title_fr"] or row["description_fr"][:250],
        "description_en": row["description_en"],
        "description_fr": row["description_fr"],
        "expected_results_en": row["expected_results_en"],
        "expected_results_fr": row["expected_results_fr"],
        "value_cad": Decimal(row["agreement_value"]),
        "currency": row["foreign_currency_type"],
        "value_foreign": Decimal(row["foreign_currency_value"])
        if row["foreign_currency_value"]
        else None,
        "start_date": date.fromisoformat(row["agreement_start_date"]),
        "end_date": date.fromisoformat(row["agreement_end_date"] or row["agreement_start_date"]),
    }
    for name, value in values.items():
        setattr(project, name, value)
    if project.pk is None:
        project.envelope = envelope
        project.status = Project.Status.ACTIVE
    try:
        project.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            report.errors.extend(RowError(number, name, m) for m in messages)
        return
    project.save()
    project.countries.set(countries)
    report.projects += 1


def _amendment(row: dict[str, str], number: int, report: DisclosureReport) -> None:
    project = Project.objects.filter(reference_number=row["ref_number"]).first()
    if project is None:
        report.errors.append(
            RowError(
                number,
                "ref_number",
                "no agreement with this reference number (its amendment 0 is neither in the "
                "file nor recorded)",
            )
        )
        return
    count = int(row["amendment_number"])
    amendment = Amendment.objects.filter(project=project, number=count).first() or Amendment(
        project=project, number=count
    )
    info_en, info_fr = row["additional_information_en"], row["additional_information_fr"]
    amendment.date = date.fromisoformat(row["amendment_date"])
    amendment.total_value_cad = Decimal(row["agreement_value"])
    amendment.total_value_foreign = (
        Decimal(row["foreign_currency_value"]) if row["foreign_currency_value"] else None
    )
    end = row["agreement_end_date"]
    amendment.end_date = (
        date.fromisoformat(end) if end and end != project.end_date.isoformat() else None
    )
    amendment.termination = "termination" in info_en.lower() or "résiliation" in info_fr.lower()
    amendment.reason_en = info_en or "As reported in the proactive disclosure."
    amendment.reason_fr = info_fr or "Selon la divulgation proactive."
    try:
        amendment.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            report.errors.extend(RowError(number, name, m) for m in messages)
        return
    amendment.save()
    if amendment.termination:
        project.status = Project.Status.TERMINATED
        project.save()
    report.amendments += 1


def import_quarter(document: bytes, *, envelope: str = "core", file: str = "") -> DisclosureReport:
    """Import a disclosure CSV, all or nothing (DisclosureError listing every row's errors,
    each a RowError naming `file`, the row, the column and the reason)."""
    columns, rows = _rows(document)
    report = DisclosureReport(rows=len(rows))
    if tuple(columns) == NIL_COLUMNS:
        report.nil = " ".join(rows[0].values()) if rows else ""
        return report
    if tuple(columns) != COLUMNS:
        missing = [c for c in COLUMNS if c not in columns]
        extra = [c for c in columns if c not in COLUMNS]
        reason = (
            f"missing {missing}" if missing else f"unexpected {extra}" if extra else "out of order"
        )
        raise DisclosureError(
            f"The header is not the disclosure's columns in their order: {reason}.", []
        )
    found = FundingEnvelope.objects.filter(slug=envelope).first()
    if found is None:
        raise DisclosureError(f"Unknown funding envelope {envelope!r}.", [])
    for number, row in enumerate(rows, start=2):
        report.errors.extend(row_errors(row, number))
    report.errors = [replace(error, file=file) for error in report.errors]
    if report.errors:
        raise DisclosureError("Nothing imported (row, column, reason):", report.errors)
    ordered = sorted(enumerate(rows, start=2), key=lambda pair: int(pair[1]["amendment_number"]))
    with transaction.atomic():
        for number, row in ordered:
            if int(row["amendment_number"]) == 0:
                _project(row, number, found, report)
            else:
                _amendment(row, number, report)
        if report.errors:
            transaction.set_rollback(True)
    if report.errors:
        report.errors = [replace(error, file=file) for error in report.errors]
        report.errors.sort(key=lambda e: (e.row, e.column))
        raise DisclosureError("Nothing imported (row, column, reason):", report.errors)
    return report
