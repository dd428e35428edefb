"""The party of a record: the country or the organization it concerns (memberships, roles in
forums, relationships, commitments, irritants), or for some a forum (commitments).

`PartyModel` declares the foreign keys once, nullable and protected, each record's reverse
accessor named after its model (`country.irritants`, `organization.memberships`), and makes the
party a clearance parent: a reader sees the record only with its party (core/visibility.py).
Which parties a record must name is each model's own check constraint: exactly one
(`one_party()`, partners' records) or at least one (`some_party()`, engagements' records).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def one_party(prefix: str = "") -> Q:
    """Exactly one of `<prefix>country` and `<prefix>organization` is set."""
    country, organization = f"{prefix}country__isnull", f"{prefix}organization__isnull"
    return Q(**{country: False, organization: True}) | Q(**{country: True, organization: False})


def some_party(*names: str) -> Q:
    """At least one of `country`, `organization` and the other `names` is set."""
    fields = ("country", "organization", *names)
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__isnull": False})
    return q


def party_key(to: str, verbose_name: Any) -> models.ForeignKey[Any, Any]:
    """A party's foreign key: optional, protected, its reverse accessor named after the model."""
    return models.ForeignKey(
        to,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=verbose_name,
    )


class PartyModel(models.Model):
    """A record whose party is a country or an organization."""

    country = party_key("geo.Country", _("country"))
    organization = party_key("partners.Organization", _("organization"))

    clearance_parents: tuple[tuple[str, ...], ...] = (("country", "organization"),)

    class Meta:
        abstract = True

    @property
    def party(self) -> Any:
        """The country or the organization (None when withheld from the reader)."""
        return self.country or self.organization


class PartyOrForumModel(PartyModel):
    """A record whose party is a country, an organization or a forum."""

    forum = party_key("partners.Forum", _("forum"))

    clearance_parents: tuple[tuple[str, ...], ...] = (("country", "organization", "forum"),)

    class Meta:
        abstract = True
