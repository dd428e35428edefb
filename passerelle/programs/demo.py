"""An illustrative demo set of the program: allocations, about 60 projects over four fiscal years
across the six envelopes, with amendments, budget lines, transactions, sectors, policy markers and
results. Every record is `illustrative=True` (pages and documents mark it so): no budget of the
program is published, and nothing here is one.

The set is planned from a seeded random generator over fixed inputs (the reference data's
envelopes, initiatives, organizations and countries), anchored on DEMO_TODAY, so the same seed
always plans the same records. A project is found by its G&C reference number; a second run
creates only what is missing (nothing, when the set is there). The demo's recipients other than
the reference organizations are made up, and marked illustrative too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.fiscal import fiscal_year_bounds, fiscal_year_name, fiscal_year_of
from passerelle.programs.models import (
    Amendment,
    BudgetLine,
    Disaggregation,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Initiative,
    PolicyMarker,
    Project,
    ProjectSector,
    Result,
    Transaction,
)

DEMO_TODAY = date(2026, 11, 24)
DEFAULT_SEED = 2024
DEFAULT_COUNT = 60
FIRST_YEAR = 2023  # 2023-24 to 2026-27: four fiscal years
DEPARTMENT = "039"  # illustrative: the demo's reference numbers are not IRCC's
IATI_PREFIX = "XM-DAC-301-DEMO"

# Envelope → (countries it works in, sectors, initiative slug or "").
ENVELOPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "core": (("MEX", "GTM", "KEN", "JOR", "LBN", "TUR"), ("15190", "15110"), "grsi"),
    "removal-cooperation": (("MEX", "GTM", "HND", "NGA", "IND"), ("15190", "15130"), ""),
    "americas": (
        ("MEX", "GTM", "HND", "SLV", "CRI", "PAN", "BLZ"),
        ("15190", "15160", "72010"),
        "mirps-support-platform",
    ),
    "venezuela-hosting": (("COL", "PER", "ECU", "BRA", "CHL"), ("72010", "15190", "16020"), ""),
    "afghanistan-neighbours": (("PAK", "IRN", "TJK", "UZB"), ("72010", "15190"), ""),
    "climate-mobility": (("FJI", "BGD", "VUT", "HTI"), ("74020", "15190"), ""),
}
# Made-up recipients: slug, names, headquarters, city (English, French).
RECIPIENTS = (
    (
        "demo-asylum-institute",
        "Americas Asylum Systems Institute",
        "Institut des systèmes d’asile des Amériques",
        "MEX",
        "Mexico City",
        "Mexico",
    ),
    (
        "demo-mobility-network",
        "Regional Mobility Network",
        "Réseau régional de mobilité",
        "PAN",
        "Panama City",
        "Panama",
    ),
    (
        "demo-protection-centre",
        "Centre for Protection Studies",
        "Centre d’études sur la protection",
        "CRI",
        "San José",
        "San José",
    ),
    (
        "demo-climate-mobility",
        "Climate Mobility Alliance",
        "Alliance pour la mobilité climatique",
        "FJI",
        "Suva",
        "Suva",
    ),
)
CITIES = {"unhcr": ("Geneva", "Genève"), "iom": ("Geneva", "Genève")}
CITIES.update({slug: (city_en, city_fr) for slug, _en, _fr, _hq, city_en, city_fr in RECIPIENTS})
TOPICS = (  # the French with its preposition: "Appui au …", "relative à la …"
    ("asylum processing", "au traitement des demandes d’asile"),
    ("refugee status determination", "à la détermination du statut de réfugié"),
    ("safe and regular pathways", "aux voies sûres et régulières"),
    ("return and reintegration", "au retour et à la réintégration"),
    ("protection of displaced persons", "à la protection des personnes déplacées"),
    ("migration data systems", "aux systèmes de données sur la migration"),
    ("private sponsorship of refugees", "au parrainage privé de réfugiés"),
    ("labour mobility", "à la mobilité de la main-d’œuvre"),
)
INDICATORS = (
    ("Officials trained", "Fonctionnaires formés", "1"),
    (
        "Asylum claims processed within the target time (%)",
        "Demandes d’asile traitées dans le délai cible (%)",
        "2",
    ),
    ("People assisted", "Personnes aidées", "1"),
)


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return bool(self.created)

    def lines(self) -> list[str]:
        return [f"{what}: {n} created" for what, n in self.created.items()]


class DemoError(Exception):
    pass


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 5_000))


def _recipients(report: DemoReport) -> list[Organization]:
    found = list(Organization.objects.filter(slug__in=["unhcr", "iom"]))
    for slug, name_en, name_fr, headquarters, _city_en, _city_fr in RECIPIENTS:
        organization, created = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_fr": name_fr,
                "kind": "non_governmental",
                "headquarters": Country.objects.filter(iso_alpha3=headquarters).first(),
                "illustrative": True,
            },
        )
        if created:
            report.add("organization")
        found.append(organization)
    return found


def _allocations(rng: random.Random, envelopes: list[FundingEnvelope], report: DemoReport) -> None:
    for envelope in envelopes:
        base = _money(rng, 800_000, 4_000_000)
        for offset in range(4):
            year = fiscal_year_name(FIRST_YEAR + offset)
            _allocation, created = EnvelopeAllocation.objects.get_or_create(
                envelope=envelope,
                fiscal_year=year,
                defaults={"amount_cad": base + offset * 100_000, "illustrative": True},
            )
            if created:
                report.add("allocation")


def _results(rng: random.Random, project: Project, report: DemoReport) -> None:
    title_en, title_fr, measure = rng.choice(INDICATORS)
    result = Result.objects.create(
        project=project,
        kind="2" if measure == "2" else "1",
        title_en=f"Stronger capacity: {title_en.lower()}",
        title_fr=f"Capacité renforcée : {title_fr.lower()}",
        illustrative=True,
    )
    indicator = Indicator.objects.create(
        result=result,
        title_en=title_en,
        title_fr=title_fr,
        measure=measure,
        baseline_year=project.start_date.year,
        baseline_value=Decimal(rng.randint(0, 40)),
        illustrative=True,
    )
    report.add("result")
    start = project.start_date
    while start < min(project.end_date, DEMO_TODAY):
        first, last = fiscal_year_bounds(fiscal_year_of(start))
        target = Decimal(rng.randint(50, 95) if measure == "2" else rng.randint(40, 400))
        actual = (
            None
            if last > DEMO_TODAY
            else (target * Decimal(rng.randint(70, 120)) / 100).quantize(Decimal(1))
        )
        period = IndicatorPeriod.objects.create(
            indicator=indicator,
            start=max(first, project.start_date),
            end=min(last, project.end_date),
            target_value=target,
            actual_value=actual,
            illustrative=True,
        )
        if measure == "1":
            women = (target / 2).quantize(Decimal(1))
            for category, share in (("female", women), ("male", target - women)):
                Disaggregation.objects.create(
                    period=period,
                    dimension="sex",
                    category=category,
                    target_value=share,
                    actual_value=None
                    if actual is None
                    else (share * actual / target).quantize(Decimal(1)),
                    illustrative=True,
                )
        start = last + timedelta(days=1)


def _money_flows(rng: random.Random, project: Project, report: DemoReport) -> None:
    total = project.value_cad
    years = []
    day = project.start_date
    while day <= project.end_date:
        years.append(fiscal_year_of(day))
        day = fiscal_year_bounds(fiscal_year_of(day))[1] + timedelta(days=1)
    share = (total / len(years)).quantize(Decimal("0.01"))
    for index, year in enumerate(years):
        amount = share if index < len(years) - 1 else total - share * (len(years) - 1)
        BudgetLine.objects.create(
            project=project, fiscal_year=year, amount_cad=amount, illustrative=True
        )
    report.add("budget line", len(years))
    if project.status == Project.Status.PIPELINE:
        return
    Transaction.objects.create(
        project=project, kind="commitment", date=project.start_date, value=total, illustrative=True
    )
    paid = Decimal(0)
    day = project.start_date + timedelta(days=rng.randint(5, 40))
    while day <= min(project.end_date, DEMO_TODAY) and paid < total:
        amount = min((total / 4).quantize(Decimal("0.01")), total - paid)
        usd = project.currency == "USD"
        Transaction.objects.create(
            project=project,
            kind="disbursement",
            date=day,
            value=(amount / Decimal("1.36")).quantize(Decimal("0.01")) if usd else amount,
            currency="USD" if usd else "CAD",
            value_cad=amount,
            illustrative=True,
        )
        paid += amount
        report.add("transaction")
        day += timedelta(days=rng.randint(80, 140))
    if paid and rng.random() < 0.1:
        Transaction.objects.create(
            project=project,
            kind="refund",
            date=min(day, project.end_date, DEMO_TODAY),
            value=Decimal(5_000),
            illustrative=True,
        )
        report.add("transaction")


def load_demo(*, seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT) -> DemoReport:
    """Create the demo set's missing records, all or nothing."""
    report = DemoReport()
    envelopes = {e.slug: e for e in FundingEnvelope.objects.all()}
    if set(envelopes) != set(ENVELOPES):
        raise DemoError("The funding envelopes are missing: run `passerelle load-reference` first.")
    initiatives = {i.slug: i for i in Initiative.objects.all()}
    countries = {c.iso_alpha3: c for c in Country.objects.all()}
    rng = random.Random(seed)
    with transaction.atomic():
        recipients = _recipients(report)
        _allocations(rng, list(envelopes.values()), report)
        slugs = list(ENVELOPES)
        for n in range(1, count + 1):
            rng = random.Random(f"{seed}-{n}")  # one generator a project: a skip shifts none
            slug = slugs[(n - 1) % len(slugs)]
            places, sectors, initiative = ENVELOPES[slug]
            start_year = FIRST_YEAR + rng.randrange(4)
            quarter = rng.randint(1, 4)
            start = fiscal_year_bounds(fiscal_year_name(start_year))[0] + timedelta(
                days=91 * (quarter - 1) + rng.randint(0, 60)
            )
            end = start + timedelta(days=365 * rng.randint(1, 3) - 1)
            reference = f"{DEPARTMENT}-{start_year}-{start_year + 1}-Q{quarter}-{n:05d}"
            if Project.objects.filter(reference_number=reference).exists():
                continue
            topic_en, topic_fr = rng.choice(TOPICS)
            chosen = [
                countries[c] for c in rng.sample(places, k=rng.randint(1, 2)) if c in countries
            ]
            place_en = ", ".join(c.name_en for c in chosen)
            place_fr = ", ".join(c.name_fr for c in chosen)
            usd = rng.random() < 0.15
            value = _money(rng, 100_000, 2_500_000)
            status = (
                Project.Status.PIPELINE
                if start > DEMO_TODAY
                else Project.Status.CLOSED
                if end < DEMO_TODAY
                else Project.Status.ACTIVE
            )
            recipient = rng.choice(recipients)
            project = Project.objects.create(
                title_en=f"Support to {topic_en} ({place_en})",
                title_fr=f"Appui {topic_fr} ({place_fr})",
                description_en=f"Illustrative project: technical assistance on {topic_en}.",
                description_fr=f"Projet illustratif : assistance technique relative {topic_fr}.",
                expected_results_en=f"Stronger national capacity for {topic_en}.",
                expected_results_fr=f"Capacité nationale renforcée quant {topic_fr}.",
                recipient=recipient,
                recipient_type="I" if recipient.kind == "international" else "N",
                recipient_city_en=CITIES.get(recipient.slug, ("", ""))[0],
                recipient_city_fr=CITIES.get(recipient.slug, ("", ""))[1],
                envelope=envelopes[slug],
                initiative=initiatives.get(initiative)
                if initiative and rng.random() < 0.5
                else None,
                agreement_type="G",
                value_cad=value,
                currency="USD" if usd else "",
                value_foreign=(value / Decimal("1.36")).quantize(Decimal("0.01")) if usd else None,
                start_date=start,
                end_date=end,
                status=status,
                reference_number=reference,
                iati_identifier=f"{IATI_PREFIX}-{reference}",
                published=status != Project.Status.PIPELINE,
                illustrative=True,
            )
            report.add("project")
            project.countries.set(chosen)
            for position, code in enumerate(rng.sample(sectors, k=min(2, len(sectors)))):
                ProjectSector.objects.create(
                    project=project,
                    code=code,
                    percentage=Decimal(60 if position == 0 else 40),
                    illustrative=True,
                )
            PolicyMarker.objects.create(
                project=project, code="1", significance="1", illustrative=True
            )
            if slug == "climate-mobility":
                PolicyMarker.objects.create(
                    project=project, code="7", significance="2", illustrative=True
                )
            _money_flows(rng, project, report)
            if status != Project.Status.PIPELINE and rng.random() < 0.25:
                raised = (value * Decimal("1.2")).quantize(Decimal("0.01"))
                Amendment.objects.create(
                    project=project,
                    number=1,
                    date=start + timedelta(days=200),
                    total_value_cad=raised,
                    total_value_foreign=(raised / Decimal("1.36")).quantize(Decimal("0.01"))
                    if usd
                    else None,
                    reason_en="Additional activities agreed with the recipient.",
                    reason_fr="Activités supplémentaires convenues avec le bénéficiaire.",
                    illustrative=True,
                )
                report.add("amendment")
            if status != Project.Status.PIPELINE:
                _results(rng, project, report)
    return report
