"""The partners' serializers: organizations, forums (with their members and roles), frameworks,
memberships, roles in forums and relationships. Countries are named by ISO alpha-3,
organizations, forums and frameworks by slug; a party is a country or an organization."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from passerelle.core.api.endpoints import CitationSerializer
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    VisibleSlugRelatedField,
)
from passerelle.geo.models import Country
from passerelle.partners.forms import DESCRIPTION, NAMES
from passerelle.partners.models import (
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Relationship,
)

PROVENANCE = ["classification", "illustrative", "citations", "created", "last_updated"]
READ_ONLY = ["created", "last_updated"]
PERIOD = ["start", "end", "precision", "period"]


def country_field(**kwargs: Any) -> VisibleSlugRelatedField:
    """A country by ISO alpha-3 (CAN, MEX…), among those the writer may see."""
    return VisibleSlugRelatedField(
        slug_field="iso_alpha3", queryset=Country.objects.all(), **kwargs
    )


def organization_field(**kwargs: Any) -> VisibleSlugRelatedField:
    return VisibleSlugRelatedField(slug_field="slug", queryset=Organization.objects.all(), **kwargs)


def forum_field(**kwargs: Any) -> VisibleSlugRelatedField:
    return VisibleSlugRelatedField(slug_field="slug", queryset=Forum.objects.all(), **kwargs)


class PartySerializer(serializers.Serializer[Any]):
    """A country or an organization, as shown (read only)."""

    type = serializers.ChoiceField(choices=["country", "organization"])
    key = serializers.CharField(help_text="ISO alpha-3 of a country, slug of an organization.")
    name_en = serializers.CharField()
    name_fr = serializers.CharField()


@extend_schema_field(PartySerializer(allow_null=True))
class PartyField(serializers.Field):
    """A country or an organization (`party`, `counterpart`), read only."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> dict[str, str] | None:
        if value is None:
            return None
        if isinstance(value, Country):
            return {
                "type": "country",
                "key": value.iso_alpha3,
                "name_en": value.name_en,
                "name_fr": value.name_fr,
            }
        return {
            "type": "organization",
            "key": value.slug,
            "name_en": value.name_en,
            "name_fr": value.name_fr,
        }


def merged(serializer: serializers.Serializer[Any], attrs: dict[str, Any], name: str) -> Any:
    """The value a field will have after this write: the one given, else the record's own (a
    PATCH sends only what changes)."""
    if name in attrs:
        return attrs[name]
    return getattr(serializer.instance, name, None) if serializer.instance is not None else None


def require_one_party(
    serializer: serializers.Serializer[Any],
    attrs: dict[str, Any],
    country: str = "country",
    organization: str = "organization",
) -> None:
    """Exactly one of a country and an organization (the models' check constraints), as a 400
    naming both fields rather than a database error."""
    given = [merged(serializer, attrs, name) is not None for name in (country, organization)]
    if sum(given) != 1:
        message = _("Give exactly one of “%(country)s” and “%(organization)s”.") % {
            "country": country,
            "organization": organization,
        }
        raise serializers.ValidationError({country: [message], organization: [message]})


def require_ordered(
    serializer: serializers.Serializer[Any], attrs: dict[str, Any], first: str, last: str
) -> None:
    """`last` is not before `first` (either may be empty)."""
    start, end = merged(serializer, attrs, first), merged(serializer, attrs, last)
    if start is not None and end is not None and end < start:
        message = _("“%(last)s” (%(end)s) is before “%(first)s” (%(start)s).") % {
            "last": last,
            "end": end,
            "first": first,
            "start": start,
        }
        raise serializers.ValidationError({last: [message]})


# A record classified no higher than its writer's clearance, read with its citations: the
# partners', people's and engagements' records all are. (No docstring: drf-spectacular would make
# it every subclass's description in the OpenAPI schema.)
class RecordSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Any]):
    citations = CitationSerializer(many=True, read_only=True)


class _PeriodPartner(RecordSerializer):
    """A membership, role or relationship: a party (one of country and organization) over a
    period."""

    country = country_field(required=False, allow_null=True)
    organization = organization_field(required=False, allow_null=True)
    period = serializers.CharField(read_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_one_party(self, attrs)
        require_ordered(self, attrs, "start", "end")
        return attrs


class OrganizationSerializer(RecordSerializer):
    headquarters = country_field(required=False, allow_null=True)
    countries = country_field(many=True, required=False)

    class Meta:
        model = Organization
        fields = [
            "id",
            *NAMES,
            *DESCRIPTION,
            "iati_identifier",
            "website",
            "headquarters",
            "countries",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY


class ForumMemberSerializer(serializers.ModelSerializer[Membership]):
    """A member of a forum over a period, nested in the forum (read only)."""

    member = PartyField(source="party")
    period = serializers.CharField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "member", *PERIOD, "classification"]
        read_only_fields = fields


class ForumRoleHeldSerializer(serializers.ModelSerializer[ForumRole]):
    """A role held in a forum over a period, nested in the forum (read only)."""

    holder = PartyField(source="party")
    period = serializers.CharField(read_only=True)

    class Meta:
        model = ForumRole
        fields = ["id", "role", "holder", *PERIOD, "classification"]
        read_only_fields = fields


class ForumSerializer(RecordSerializer):
    directed_by = forum_field(required=False, allow_null=True)
    secretariat = organization_field(required=False, allow_null=True)
    members = ForumMemberSerializer(source="memberships", many=True, read_only=True)
    roles = ForumRoleHeldSerializer(many=True, read_only=True)

    class Meta:
        model = Forum
        fields = [
            "id",
            *NAMES,
            "scope",
            *DESCRIPTION,
            "directed_by",
            "secretariat",
            "established",
            "website",
            "members",
            "roles",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY

    def validate_directed_by(self, value: Forum | None) -> Forum | None:
        if value is not None and self.instance is not None and value.pk == self.instance.pk:
            raise serializers.ValidationError(_("A forum cannot receive direction from itself."))
        return value


class FrameworkSerializer(RecordSerializer):
    forum = forum_field(required=False, allow_null=True)
    countries = country_field(many=True, required=False)

    class Meta:
        model = Framework
        fields = ["id", *NAMES, "adopted", *DESCRIPTION, "forum", "countries", *PROVENANCE]
        read_only_fields = READ_ONLY


class MembershipSerializer(_PeriodPartner):
    forum = forum_field()
    member = PartyField(source="party")

    class Meta:
        model = Membership
        fields = ["id", "forum", "country", "organization", "member", *PERIOD, *PROVENANCE]
        read_only_fields = READ_ONLY


class ForumRoleSerializer(_PeriodPartner):
    forum = forum_field()
    holder = PartyField(source="party")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The role overlaps no other that may not be held at the same time (ForumRole.clean)."""
        attrs = super().validate(attrs)
        role = ForumRole(pk=getattr(self.instance, "pk", None))
        for name in ("forum", "role", "country", "organization", "start", "end"):
            default = getattr(self.instance, name, None) if self.instance else None
            setattr(role, name, attrs.get(name, default))
        try:
            role.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError({"end": error.messages}) from error
        return attrs

    class Meta:
        model = ForumRole
        fields = [
            "id",
            "forum",
            "role",
            "country",
            "organization",
            "holder",
            *PERIOD,
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY


class RelationshipSerializer(_PeriodPartner):
    counterpart_country = country_field(required=False, allow_null=True)
    counterpart_organization = organization_field(required=False, allow_null=True)
    party = PartyField()
    counterpart = PartyField()

    class Meta:
        model = Relationship
        fields = [
            "id",
            "kind",
            "country",
            "organization",
            "party",
            "counterpart_country",
            "counterpart_organization",
            "counterpart",
            "nature_en",
            "nature_fr",
            *PERIOD,
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        require_one_party(self, attrs, "counterpart_country", "counterpart_organization")
        return attrs
