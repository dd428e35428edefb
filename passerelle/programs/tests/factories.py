"""Records for the programs tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

from passerelle.geo.models import Country
from passerelle.partners.models import Organization
from passerelle.programs.models import FundingEnvelope, Project, Transaction

_sequence = count(1)


def make_envelope(**fields: Any) -> FundingEnvelope:
    n = next(_sequence)
    values = {"slug": f"envelope-{n}", "name_en": f"Envelope {n}", "name_fr": f"Enveloppe {n}"}
    return FundingEnvelope.objects.create(**{**values, **fields})


def make_organization(**fields: Any) -> Organization:
    n = next(_sequence)
    values = {
        "slug": f"recipient-{n}",
        "name_en": f"Recipient {n}",
        "name_fr": f"Bénéficiaire {n}",
        "kind": "international",
    }
    return Organization.objects.create(**{**values, **fields})


def make_country(alpha3: str = "MEX", alpha2: str = "MX", **fields: Any) -> Country:
    found = Country.objects.filter(iso_alpha3=alpha3).first()
    if found is not None:
        return found
    values = {
        "iso_alpha3": alpha3,
        "iso_alpha2": alpha2,
        "iso_numeric": str(next(_sequence) % 1000).zfill(3),
        "name_en": alpha3,
        "name_fr": alpha3,
    }
    return Country.objects.create(**{**values, **fields})


def make_project(**fields: Any) -> Project:
    n = next(_sequence)
    values: dict[str, Any] = {
        "title_en": f"Project {n}",
        "title_fr": f"Projet {n}",
        "description_en": "Strengthen asylum processing.",
        "description_fr": "Renforcer le traitement des demandes d’asile.",
        "value_cad": Decimal("100000.00"),
        "start_date": date(2024, 4, 1),
        "end_date": date(2026, 3, 31),
        "status": Project.Status.ACTIVE,
        "reference_number": f"039-2024-2025-Q1-{n:05d}",
        "iati_identifier": f"CA-GOV-39-{n:05d}",
    }
    values.update(fields)
    if "envelope" not in values:
        values["envelope"] = make_envelope()
    if "recipient" not in values:
        values["recipient"] = make_organization()
    return Project.objects.create(**values)


def pay(project: Project, value: str, day: date, kind: str = "disbursement") -> Transaction:
    return Transaction.objects.create(
        project=project, kind=kind, date=day, value=Decimal(value), value_cad=Decimal(value)
    )
