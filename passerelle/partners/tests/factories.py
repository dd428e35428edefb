"""Factories for partners tests: plain keyword-only functions (STYLE.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import (
    Appointment,
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Person,
    Relationship,
)

_counter = iter(range(1, 10**6))


def make_organization(**fields: Any) -> Organization:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"organization-{n}",
        "name_en": f"Organization {n}",
        "name_fr": f"Organisation {n}",
        "kind": Organization.Kind.INTERNATIONAL,
        "illustrative": True,
    }
    values.update(fields)
    return Organization.objects.create(**values)


def make_forum(**fields: Any) -> Forum:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"forum-{n}",
        "name_en": f"Forum {n}",
        "name_fr": f"Forum {n} (fr)",
        "kind": Forum.Kind.REGIONAL_PROCESS,
        "scope": Forum.Scope.REGIONAL,
        "illustrative": True,
    }
    values.update(fields)
    return Forum.objects.create(**values)


def make_membership(
    *,
    forum: Forum | None = None,
    country: Country | None = None,
    organization: Organization | None = None,
    **fields: Any,
) -> Membership:
    if organization is None and country is None:
        country = make_country()
    values: dict[str, Any] = {"illustrative": True}
    values.update(fields)
    return Membership.objects.create(
        forum=forum or make_forum(), country=country, organization=organization, **values
    )


def make_forum_role(
    *,
    forum: Forum | None = None,
    country: Country | None = None,
    organization: Organization | None = None,
    role: str = ForumRole.Kind.CHAIR,
    start: date | None = date(2021, 1, 1),
    end: date | None = date(2022, 12, 31),
    **fields: Any,
) -> ForumRole:
    if organization is None and country is None:
        country = make_country()
    values: dict[str, Any] = {"illustrative": True, "precision": "year"}
    values.update(fields)
    return ForumRole.objects.create(
        forum=forum or make_forum(),
        country=country,
        organization=organization,
        role=role,
        start=start,
        end=end,
        **values,
    )


def make_framework(**fields: Any) -> Framework:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"framework-{n}",
        "name_en": f"Declaration {n}",
        "name_fr": f"Déclaration {n}",
        "kind": Framework.Kind.DECLARATION,
        "illustrative": True,
    }
    values.update(fields)
    return Framework.objects.create(**values)


def make_relationship(
    *,
    organization: Organization | None = None,
    counterpart_country: Country | None = None,
    **fields: Any,
) -> Relationship:
    values: dict[str, Any] = {
        "kind": Relationship.Kind.REFERRAL,
        "nature_en": "Referral partner",
        "nature_fr": "Partenaire de recommandation",
        "illustrative": True,
    }
    values.update(fields)
    if "country" not in values:
        values["organization"] = organization or make_organization()
    if "counterpart_organization" not in values:
        values["counterpart_country"] = counterpart_country or make_country()
    return Relationship.objects.create(**values)


def make_person(**fields: Any) -> Person:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"person-{n}",
        "name": f"Person {n}",
        "side": Person.Side.COUNTERPART,
        "illustrative": True,
    }
    values.update(fields)
    return Person.objects.create(**values)


def make_appointment(*, person: Person | None = None, **fields: Any) -> Appointment:
    values: dict[str, Any] = {
        "title_en": "Minister of Foreign Affairs",
        "title_fr": "Ministre des Affaires étrangères",
        "start": date(2024, 10, 1),
        "illustrative": True,
    }
    values.update(fields)
    return Appointment.objects.create(person=person or make_person(), **values)
