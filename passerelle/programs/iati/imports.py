"""Import of an IATI 2.03 activity file, all or nothing.

The file is first checked against the activities schema (IATIError listing every schema error
with its line); then each activity is read into a project with its countries, sectors, policy
markers, budget lines, transactions, documents and results, each checked by its model's rules;
any error (line, element, reason) writes nothing. An activity is matched to a project by its G&C
reference number (other-identifier of type A1); a project found is brought up to date and its
records replaced by the file's. What IATI has no element for is read from Passerelle's own tags
(vocabulary 99, `key:value`: envelope, initiative, agreement and recipient types, value and
currency), as export.py writes them; the envelope is required.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from lxml import etree

from passerelle.core.importing.report import ImportReport, RowError
from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs import rollup
from passerelle.programs.fiscal import fiscal_year_of
from passerelle.programs.iati.export import ILLUSTRATIVE
from passerelle.programs.iati.schema import ACTIVITIES, XML_LANG, IATIError, errors_of, parse
from passerelle.programs.models import (
    BudgetLine,
    Disaggregation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Initiative,
    PolicyMarker,
    Project,
    ProjectDocument,
    ProjectSector,
    Result,
    Transaction,
)

STATUS = {
    "1": "pipeline",
    "2": "active",
    "3": "active",
    "4": "closed",
    "5": "terminated",
    "6": "active",
}
KIND = {"2": "commitment", "3": "disbursement", "4": "expenditure"}


class _Reader:
    """Reads one activity, collecting its errors."""

    def __init__(self, element: etree._Element, errors: list[RowError], file: str = "") -> None:
        self.element = element
        self.errors = errors
        self.file = file

    def fail(self, node: etree._Element, reason: str) -> None:
        """An error at `node`: the file's line, the element as the column (RowError)."""
        self.errors.append(RowError(node.sourceline or 0, str(node.tag), reason, self.file))

    @staticmethod
    def text(node: etree._Element | None, tag: str) -> tuple[str, str]:
        """The English and French narratives of `node/tag`."""
        found = {"en": "", "fr": ""}
        if node is None:
            return "", ""
        target = node.find(tag) if tag else node
        if target is None:
            return "", ""
        for narrative in target.findall("narrative"):
            language = narrative.get(XML_LANG) or "en"
            found.setdefault(language, (narrative.text or "").strip())
            found[language] = found[language] or (narrative.text or "").strip()
        return found["en"], found["fr"]

    def decimal(self, node: etree._Element, value: str | None) -> Any:
        if value in (None, ""):
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            self.fail(node, f"{value!r} is not a number")
            return None

    def day(self, node: etree._Element | None) -> Any:
        return date.fromisoformat(node.get("iso-date")) if node is not None else None

    def check(
        self, record: models.Model, node: etree._Element, exclude: list[str] | None = None
    ) -> bool:
        try:
            record.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.fail(node, f"{name}: {message}")
            return False
        return True


def _tags(activity: etree._Element) -> dict[str, str]:
    tags = {}
    for tag in activity.findall("tag"):
        code = tag.get("code") or ""
        if tag.get("vocabulary") == "99" and ":" in code:
            key, value = code.split(":", 1)
            tags[key] = value
    return tags


def _project(reader: _Reader) -> Project | None:
    activity = reader.element
    tags = _tags(activity)
    reference = ""
    for other in activity.findall("other-identifier"):
        if other.get("type") == "A1":
            reference = other.get("ref") or ""
    if not reference:
        reader.fail(activity, "no G&C reference number (an other-identifier of type A1)")
        return None
    envelope = FundingEnvelope.objects.filter(slug=tags.get("envelope", "")).first()
    if envelope is None:
        reader.fail(
            activity, f"unknown funding envelope {tags.get('envelope', '')!r} (tag envelope:…)"
        )
    recipient = None
    for org in activity.findall("participating-org"):
        if org.get("role") == "4":
            name_en, _name_fr = reader.text(org, "")
            if org.get("ref"):
                recipient = Organization.objects.filter(iati_identifier=org.get("ref")).first()
            recipient = recipient or Organization.objects.filter(name_en=name_en).first()
            if recipient is None:
                reader.fail(org, f"unknown recipient {org.get('ref') or name_en!r}")
    if recipient is None and not any(
        o.get("role") == "4" for o in activity.findall("participating-org")
    ):
        reader.fail(activity, "no implementing organization (participating-org of role 4)")
    dates = {d.get("type"): reader.day(d) for d in activity.findall("activity-date")}
    start, end = dates.get("2") or dates.get("1"), dates.get("4") or dates.get("3")
    if start is None or end is None:
        reader.fail(
            activity, "a start and an end date (activity-date types 1 or 2, 3 or 4) are needed"
        )
    title_en, title_fr = reader.text(activity, "title")
    descriptions = {d.get("type", "1"): reader.text(d, "") for d in activity.findall("description")}
    status = activity.find("activity-status")
    project = Project.objects.filter(reference_number=reference).first() or Project()
    values: dict[str, Any] = {
        "reference_number": reference,
        "iati_identifier": (activity.findtext("iati-identifier") or "").strip(),
        "title_en": title_en,
        "title_fr": title_fr,
        "description_en": descriptions.get("1", ("", ""))[0],
        "description_fr": descriptions.get("1", ("", ""))[1],
        "expected_results_en": descriptions.get("2", ("", ""))[0],
        "expected_results_fr": descriptions.get("2", ("", ""))[1],
        "envelope": envelope,
        "recipient": recipient,
        "initiative": Initiative.objects.filter(slug=tags.get("initiative", "")).first(),
        "agreement_type": tags.get("agreement-type", "G"),
        "recipient_type": tags.get("recipient-type", "I"),
        "value_cad": reader.decimal(activity, tags.get("value-cad")) or Decimal(0),
        "currency": tags.get("currency", ""),
        "value_foreign": reader.decimal(activity, tags.get("value-foreign")),
        "start_date": start,
        "end_date": end,
        "status": STATUS.get(status.get("code") if status is not None else "", "active"),
        "published": True,
    }
    for name, value in values.items():
        setattr(project, name, value)
    exclude = ["recipient", "envelope"] if recipient is None or envelope is None else []
    if not reader.check(project, activity, exclude=exclude) or start is None or end is None:
        return None
    return project


def _children(reader: _Reader, project: Project, illustrative: bool) -> None:
    activity = reader.element
    countries = []
    for node in activity.findall("recipient-country"):
        country = Country.objects.filter(iso_alpha2=node.get("code")).first()
        if country is None:
            reader.fail(node, f"unknown country {node.get('code')!r}")
        else:
            countries.append(country)
    project.countries.set(countries)
    for model in (ProjectSector, PolicyMarker, BudgetLine, Transaction, ProjectDocument, Result):
        model.objects.filter(project=project).delete()
    records: list[tuple[models.Model, etree._Element]] = []
    for node in activity.findall("sector"):
        percentage = reader.decimal(node, node.get("percentage")) or Decimal(100)
        records.append(
            (ProjectSector(project=project, code=node.get("code"), percentage=percentage), node)
        )
    for node in activity.findall("policy-marker"):
        records.append(
            (
                PolicyMarker(
                    project=project,
                    code=node.get("code"),
                    significance=node.get("significance") or "0",
                ),
                node,
            )
        )
    for node in activity.findall("budget"):
        start = reader.day(node.find("period-start"))
        amount = reader.decimal(node, node.findtext("value"))
        line = BudgetLine(
            project=project,
            fiscal_year=fiscal_year_of(start) if start else "",
            amount_cad=amount,
            status=node.get("status") or "1",
        )
        records.append((line, node))
    for node in activity.findall("transaction"):
        code = node.find("transaction-type").get("code")
        amount = reader.decimal(node, node.findtext("value")) or Decimal(0)
        kind = "refund" if code == "3" and amount < 0 else KIND.get(code or "")
        if kind is None:
            reader.fail(node, f"transaction type {code} is not one the program records")
            continue
        english, french = reader.text(node, "description")
        currency = node.find("value").get("currency") or activity.get("default-currency") or "CAD"
        records.append(
            (
                Transaction(
                    project=project,
                    kind=kind,
                    date=reader.day(node.find("transaction-date")),
                    value=abs(amount),
                    currency=currency,
                    value_cad=abs(amount) if currency == "CAD" else None,
                    description_en=english,
                    description_fr=french,
                ),
                node,
            )
        )
    for node in activity.findall("document-link"):
        english, french = reader.text(node, "title")
        category = node.find("category")
        records.append(
            (
                ProjectDocument(
                    project=project,
                    url=node.get("url"),
                    title_en=english,
                    title_fr=french or english,
                    category=category.get("code") if category is not None else "A01",
                ),
                node,
            )
        )
    for record, node in records:
        if reader.check(record, node):
            record.illustrative = illustrative  # type: ignore[attr-defined]
            record.save()
    for node in activity.findall("result"):
        _result(reader, project, node, illustrative)


def _result(reader: _Reader, project: Project, node: etree._Element, illustrative: bool) -> None:
    title_en, title_fr = reader.text(node, "title")
    description_en, description_fr = reader.text(node, "description")
    aggregated = node.get("aggregation-status", "true") in ("1", "true")
    result = Result(
        project=project,
        kind=node.get("type"),
        title_en=title_en,
        title_fr=title_fr or title_en,
        description_en=description_en,
        description_fr=description_fr,
        aggregation_status=aggregated,
    )
    if not reader.check(result, node):
        return
    result.illustrative = illustrative
    result.save()
    for item in node.findall("indicator"):
        title_en, title_fr = reader.text(item, "title")
        baseline = item.find("baseline")
        comment = reader.text(baseline, "comment") if baseline is not None else ("", "")
        indicator = Indicator(
            result=result,
            title_en=title_en,
            title_fr=title_fr or title_en,
            measure=item.get("measure"),
            ascending=item.get("ascending", "true") in ("1", "true"),
            baseline_year=int(baseline.get("year")) if baseline is not None else None,
            baseline_value=reader.decimal(item, baseline.get("value"))
            if baseline is not None
            else None,
            baseline_comment_en=comment[0],
            baseline_comment_fr=comment[1],
        )
        if not reader.check(indicator, item):
            continue
        indicator.illustrative = illustrative
        indicator.save()
        for block in item.findall("period"):
            _period(reader, indicator, block, illustrative)


def _period(
    reader: _Reader, indicator: Indicator, block: etree._Element, illustrative: bool
) -> None:
    period = IndicatorPeriod(
        indicator=indicator,
        start=reader.day(block.find("period-start")),
        end=reader.day(block.find("period-end")),
    )
    parts: dict[tuple[str, str], Disaggregation] = {}
    for side in ("target", "actual"):
        for node in block.findall(side):
            dimension = node.find("dimension")
            value = reader.decimal(node, node.get("value"))
            if dimension is None:
                setattr(period, f"{side}_value", value)
                english, french = reader.text(node, "comment")
                setattr(period, f"{side}_comment_en", english)
                setattr(period, f"{side}_comment_fr", french)
            else:
                key = (dimension.get("name") or "", dimension.get("value") or "")
                part = parts.setdefault(key, Disaggregation(dimension=key[0], category=key[1]))
                setattr(part, f"{side}_value", value)
    if not reader.check(period, block):
        return
    period.illustrative = illustrative
    period.save()
    for part in parts.values():
        part.period = period
        part.illustrative = illustrative
        if reader.check(part, block):
            part.save()


def import_activities(
    document: bytes, *, progress: Callable[[int], Any] | None = None, file: str = ""
) -> ImportReport:
    """Import every activity of an IATI activity file, all or nothing (IATIError otherwise,
    its errors the import framework's RowErrors: `file`, line, element, reason)."""
    parse(document)
    problems = errors_of(document, ACTIVITIES)
    if problems:
        raise IATIError(
            "The file is not valid IATI 2.03 (the schema's errors):",
            [problem.row_error(file) for problem in problems],
        )
    root = parse(document)
    illustrative = ILLUSTRATIVE.strip().encode() in document[:2000]
    activities = root.findall("iati-activity")
    report = ImportReport("iati-activities", rows=len(activities))
    with transaction.atomic(), rollup.deferred():
        for element in activities:
            reader = _Reader(element, report.errors, file)
            project = _project(reader)
            if project is not None:
                created = project.pk is None
                project.illustrative = illustrative
                project.save()
                _children(reader, project, illustrative)
                report.created += created
                report.updated += not created
            if progress is not None:
                progress(1)
        if report.errors:
            transaction.set_rollback(True)
    if report.errors:
        raise IATIError("Nothing imported: the file's activities have errors:", report.errors)
    return report
