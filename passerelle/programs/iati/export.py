"""The IATI 2.03 activity file (every published, Unclassified project) and organisation file,
narratives in English and French (`xml:lang`), codes from the codelists of data/iati-2.03.

Each file is validated against its schema before it is returned: a project that would make the
file invalid is named with the reason (IATIError), never silently dropped. The file carries no
generation time, so the same records always give the same bytes (an export, imported and exported
again, is identical). What IATI has no element for — the funding envelope, the initiative, the
agreement and recipient types, the agreement's value and currency — is written as tags of the
reporting organisation's own vocabulary (99), `key:value`, which the import reads back; the G&C
reference number is the activity's other-identifier of type A1. Transactions are reported in
Canadian dollars (a refund as a negative disbursement); amendments are not part of IATI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from lxml import etree

from passerelle.core.classification import Classification
from passerelle.programs.fiscal import fiscal_year_bounds
from passerelle.programs.iati.schema import (
    ACTIVITIES,
    ORGANISATIONS,
    XML_LANG,
    IATIError,
    errors_of,
)
from passerelle.programs.models import FundingEnvelope, Project

VERSION = "2.03"
ORGANISATION_NAME = (
    "Immigration, Refugees and Citizenship Canada",
    "Immigration, Réfugiés et Citoyenneté Canada",
)
STATUS = {"pipeline": "1", "active": "2", "closed": "4", "terminated": "5"}
TRANSACTION = {"commitment": "2", "disbursement": "3", "expenditure": "4", "refund": "3"}
ORGANISATION_TYPE = {
    "international": "40",
    "government": "10",
    "non_governmental": "21",
    "research": "80",
}
ILLUSTRATIVE = " Illustrative: made up to exercise Passerelle; not a record of the program. "


def public(records: Iterable[Any]) -> list[Any]:
    """The Unclassified ones: a public file carries nothing classified, whoever exports it (the
    command reads as the system, which sees everything)."""
    return [r for r in records if getattr(r, "classification", 0) == Classification.UNCLASSIFIED]


def public_one(record: Any) -> bool:
    return record is not None and bool(public([record]))


def reporting_org() -> str:
    """The reporting organisation's IATI identifier (settings.PROGRAMS_IATI_ORGANISATION)."""
    return str(getattr(settings, "PROGRAMS_IATI_ORGANISATION", "XM-DAC-301"))


def activity_identifier(project: Project) -> str:
    return project.iati_identifier or f"{reporting_org()}-{project.reference_number}"


def published(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """The projects of the activity file: published and Unclassified (a public file never
    carries a classified record, whoever exports it)."""
    chosen = queryset if queryset is not None else Project.objects.all()
    return (
        chosen.filter(published=True, classification=Classification.UNCLASSIFIED)
        .select_related("recipient", "envelope", "initiative")
        .prefetch_related(
            "countries",
            "sectors",
            "policy_markers",
            "budget_lines",
            "transactions",
            "documents",
            "results__indicators__periods__disaggregations",
        )
        .order_by("iati_identifier", "reference_number")
    )


def _sub(parent: etree._Element, tag: str, **attributes: Any) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value not in (None, ""):
            element.set(name.replace("_", "-"), str(value))
    return element


def _narratives(
    parent: etree._Element, tag: str, english: str, french: str, **attributes: Any
) -> None:
    """`<tag><narrative xml:lang="en">…</narrative><narrative xml:lang="fr">…</narrative></tag>`
    (a language without text left out; the element left out when both are empty)."""
    if not (english or french):
        return
    element = _sub(parent, tag, **attributes)
    for language, text in (("en", english), ("fr", french)):
        if text:
            narrative = _sub(element, "narrative")
            narrative.set(XML_LANG, language)
            narrative.text = text


def _value(parent: etree._Element, tag: str, amount: Decimal, day: Any, currency: str = "") -> None:
    element = _sub(parent, tag, currency=currency, value_date=day.isoformat())
    element.text = f"{amount:.2f}"


def _org(
    parent: etree._Element, tag: str, ref: str, kind: str, names: tuple[str, str], **more: Any
) -> None:
    element = _sub(parent, tag, ref=ref, type=kind, **more)
    for language, text in zip(("en", "fr"), names, strict=True):
        if text:
            narrative = _sub(element, "narrative")
            narrative.set(XML_LANG, language)
            narrative.text = text


def _shares(count: int) -> list[str]:
    if count <= 1:
        return [""] * count
    share = Decimal(100) / count
    values = [share.quantize(Decimal("0.01"))] * (count - 1)
    return [str(v) for v in [*values, Decimal(100) - sum(values)]]


def _tags(activity: etree._Element, project: Project) -> None:
    envelope, initiative = project.envelope, project.initiative
    pairs = [
        ("envelope", envelope.slug if envelope is not None and public_one(envelope) else ""),
        (
            "initiative",
            initiative.slug if initiative is not None and public_one(initiative) else "",
        ),
        ("agreement-type", project.agreement_type),
        ("recipient-type", project.recipient_type),
        ("value-cad", f"{project.value_cad:.2f}"),
        ("currency", project.currency),
        (
            "value-foreign",
            f"{project.value_foreign:.2f}" if project.value_foreign is not None else "",
        ),
    ]
    for key, value in pairs:
        if value:
            _sub(activity, "tag", vocabulary="99", code=f"{key}:{value}")


def _results(activity: etree._Element, project: Project) -> None:
    for result in public(project.results.all()):
        element = _sub(
            activity,
            "result",
            type=result.kind,
            aggregation_status=str(result.aggregation_status).lower(),
        )
        _narratives(element, "title", result.title_en, result.title_fr)
        _narratives(element, "description", result.description_en, result.description_fr)
        for indicator in public(result.indicators.all()):
            item = _sub(
                element,
                "indicator",
                measure=indicator.measure,
                ascending=str(indicator.ascending).lower(),
            )
            _narratives(item, "title", indicator.title_en, indicator.title_fr)
            if indicator.baseline_year:
                value = indicator.baseline_value
                baseline = _sub(
                    item,
                    "baseline",
                    year=indicator.baseline_year,
                    value=f"{value:.2f}" if value is not None else "",
                )
                _narratives(
                    baseline,
                    "comment",
                    indicator.baseline_comment_en,
                    indicator.baseline_comment_fr,
                )
            for period in public(indicator.periods.all()):
                block = _sub(item, "period")
                _sub(block, "period-start", iso_date=period.start.isoformat())
                _sub(block, "period-end", iso_date=period.end.isoformat())
                for side in ("target", "actual"):
                    _measured(block, side, period)


def _measured(block: etree._Element, side: str, period: Any) -> None:
    """A period's target (or actual): the whole, then one element per category of sex or age."""
    value = getattr(period, f"{side}_value")
    english, french = getattr(period, f"{side}_comment_en"), getattr(period, f"{side}_comment_fr")
    if value is not None or english or french:
        whole = _sub(block, side, value=f"{value:.2f}" if value is not None else "")
        _narratives(whole, "comment", english, french)
    for part in public(period.disaggregations.all()):
        amount = getattr(part, f"{side}_value")
        if amount is not None:
            element = _sub(block, side, value=f"{amount:.2f}")
            _sub(element, "dimension", name=part.dimension, value=part.category)


def activity(project: Project) -> etree._Element:
    """One project as an `iati-activity`, in the schema's order."""
    root = etree.Element("iati-activity")
    root.set("default-currency", "CAD")
    root.set(XML_LANG, "en")
    _sub(root, "iati-identifier").text = activity_identifier(project)
    _org(root, "reporting-org", reporting_org(), "10", ORGANISATION_NAME)
    _narratives(root, "title", project.title_en, project.title_fr)
    _narratives(root, "description", project.description_en, project.description_fr, type="1")
    _narratives(
        root, "description", project.expected_results_en, project.expected_results_fr, type="2"
    )
    _org(root, "participating-org", reporting_org(), "10", ORGANISATION_NAME, role="1")
    if public_one(project.recipient):
        recipient = project.recipient
        kind = ORGANISATION_TYPE.get(recipient.kind, "90")
        _org(
            root,
            "participating-org",
            recipient.iati_identifier,
            kind,
            (recipient.name_en, recipient.name_fr),
            role="4",
        )
    _sub(root, "other-identifier", ref=project.reference_number, type="A1")
    _sub(root, "activity-status", code=STATUS[project.status])
    _sub(root, "activity-date", type="1", iso_date=project.start_date.isoformat())
    _sub(root, "activity-date", type="3", iso_date=project.end_date.isoformat())
    countries = sorted(public(project.countries.all()), key=lambda c: c.iso_alpha2)
    for country, share in zip(countries, _shares(len(countries)), strict=True):
        _sub(root, "recipient-country", code=country.iso_alpha2, percentage=share)
    for sector in public(project.sectors.all()):
        _sub(
            root, "sector", vocabulary="1", code=sector.code, percentage=f"{sector.percentage:.2f}"
        )
    _tags(root, project)
    for marker in public(project.policy_markers.all()):
        _sub(
            root,
            "policy-marker",
            vocabulary="1",
            code=marker.code,
            significance=marker.significance,
        )
    for line in public(project.budget_lines.all()):
        first, last = fiscal_year_bounds(line.fiscal_year)
        budget = _sub(root, "budget", type="1", status=line.status)
        _sub(budget, "period-start", iso_date=first.isoformat())
        _sub(budget, "period-end", iso_date=last.isoformat())
        _value(budget, "value", line.amount_cad, first)
    for transaction in public(project.transactions.all()):
        element = _sub(root, "transaction")
        _sub(element, "transaction-type", code=TRANSACTION[transaction.kind])
        _sub(element, "transaction-date", iso_date=transaction.date.isoformat())
        amount = transaction.value_cad if transaction.value_cad is not None else transaction.value
        _value(
            element, "value", -amount if transaction.kind == "refund" else amount, transaction.date
        )
        _narratives(element, "description", transaction.description_en, transaction.description_fr)
    for document in public(project.documents.all()):
        link = _sub(root, "document-link", url=document.url, format="text/html")
        _narratives(link, "title", document.title_en, document.title_fr)
        _sub(link, "category", code=document.category)
    _results(root, project)
    return root


def _document(root: etree._Element, illustrative: bool) -> bytes:
    if illustrative:
        root.insert(0, etree.Comment(ILLUSTRATIVE))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def activity_file(
    projects: Iterable[Project] | None = None, *, progress: Callable[[int], Any] | None = None
) -> bytes:
    """The activity file of `projects` (every published one by default), valid against the
    activities schema; IATIError naming each project that is not."""
    chosen = list(projects if projects is not None else published())
    root = etree.Element("iati-activities", version=VERSION)
    for project in chosen:
        root.append(activity(project))
        if progress is not None:
            progress(1)
    document = _document(root, any(p.illustrative for p in chosen))
    problems = errors_of(document, ACTIVITIES)
    if problems:
        raise IATIError("The activity file would not be valid IATI 2.03:", problems)
    return document


def organisation_file() -> bytes:
    """The reporting organisation's file: its name and its budget by fiscal year (the envelopes'
    allocations), valid against the organisations schema."""
    from passerelle.programs.models import EnvelopeAllocation

    root = etree.Element("iati-organisations", version=VERSION)
    organisation = _sub(root, "iati-organisation", default_currency="CAD")
    organisation.set(XML_LANG, "en")
    _sub(organisation, "organisation-identifier").text = reporting_org()
    _narratives(organisation, "name", *ORGANISATION_NAME)
    _org(organisation, "reporting-org", reporting_org(), "10", ORGANISATION_NAME)
    totals: dict[str, Decimal] = {}
    allocations = EnvelopeAllocation.objects.filter(
        classification=Classification.UNCLASSIFIED,
        envelope__in=FundingEnvelope.objects.filter(classification=Classification.UNCLASSIFIED),
    )
    illustrative = False
    for allocation in allocations:
        totals[allocation.fiscal_year] = (
            totals.get(allocation.fiscal_year, Decimal(0)) + allocation.amount_cad
        )
        illustrative |= allocation.illustrative
    for year in sorted(totals):
        first, last = fiscal_year_bounds(year)
        budget = _sub(organisation, "total-budget", status="2")
        _sub(budget, "period-start", iso_date=first.isoformat())
        _sub(budget, "period-end", iso_date=last.isoformat())
        _value(budget, "value", totals[year], first)
    document = _document(root, illustrative)
    problems = errors_of(document, ORGANISATIONS)
    if problems:
        raise IATIError("The organisation file would not be valid IATI 2.03:", problems)
    return document
