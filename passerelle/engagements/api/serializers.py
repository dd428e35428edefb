"""The engagements' serializers: engagements (with their participants, read only, and their
partners, topics and objectives, writable), participants, follow-ups, commitments, irritants
(with their evidence), evidence, topics and objectives. Countries by ISO alpha-3;
organizations, forums, topics and objectives by slug."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from passerelle.core.api.viewsets import (
    VisiblePrimaryKeyRelatedField,
    VisibleSlugRelatedField,
)
from passerelle.core.querysets import RestrictedQuerySet
from passerelle.engagements.forms import ENGAGEMENT_FIELDS, FOLLOW_UP_FIELDS, PARTICIPANT_FIELDS
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    Evidence,
    FollowUp,
    Irritant,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.api.serializers import (
    PROVENANCE,
    READ_ONLY,
    PartyField,
    RecordSerializer,
    country_field,
    forum_field,
    merged,
    organization_field,
    require_ordered,
)
from passerelle.partners.models import Organization


def require_partner(
    serializer: serializers.Serializer[Any], attrs: dict[str, Any], *fields: str
) -> None:
    """At least one of `fields` (the models' check constraints), as a 400 naming them."""
    if all(merged(serializer, attrs, name) is None for name in fields):
        message = _("Give at least one of %(fields)s.") % {
            "fields": ", ".join(f"“{name}”" for name in fields)
        }
        raise serializers.ValidationError({name: [message] for name in fields})


def engagement_field(**kwargs: Any) -> VisiblePrimaryKeyRelatedField:
    return VisiblePrimaryKeyRelatedField(queryset=Engagement.objects.all(), **kwargs)


class TopicSerializer(RecordSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name_en", "name_fr", "order", *PROVENANCE]
        read_only_fields = READ_ONLY


class ObjectiveSerializer(RecordSerializer):
    class Meta:
        model = Objective
        fields = [
            "id",
            "slug",
            "kind",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "order",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY


class ParticipantSerializer(RecordSerializer):
    engagement = engagement_field()
    country = country_field(required=False, allow_null=True)
    organization = organization_field(required=False, allow_null=True)

    class Meta:
        model = Participant
        fields = ["id", "engagement", *PARTICIPANT_FIELDS, *PROVENANCE]
        read_only_fields = READ_ONLY


class NestedParticipantSerializer(serializers.ModelSerializer[Participant]):
    """A participant, nested in its engagement (read only: write them at /participants/)."""

    country = serializers.SlugRelatedField[Country](
        slug_field="iso_alpha3", read_only=True, allow_null=True
    )
    organization = serializers.SlugRelatedField[Organization](
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Participant
        fields = ["id", *PARTICIPANT_FIELDS, "classification"]
        read_only_fields = fields


class EngagementSerializer(RecordSerializer):
    place_country = country_field(required=False, allow_null=True)
    countries = country_field(many=True, required=False)
    organizations = organization_field(many=True, required=False)
    forum = forum_field(required=False, allow_null=True)
    topics = VisibleSlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )
    objectives = VisibleSlugRelatedField(
        slug_field="slug", queryset=Objective.objects.all(), many=True, required=False
    )
    participants = NestedParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = ["id", *ENGAGEMENT_FIELDS, "participants", *PROVENANCE]
        read_only_fields = READ_ONLY
        # The reference's uniqueness within a classification is checked below, beside the field.
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_ordered(self, attrs, "start_date", "end_date")
        reference = attrs.get("reference", getattr(self.instance, "reference", ""))
        level = attrs.get("classification", getattr(self.instance, "classification", 0))
        if reference:
            # Among the engagements the writer sees: all of those at a level they may write.
            taken = Engagement.objects.filter(reference=reference, classification=level)
            if self.instance is not None:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise serializers.ValidationError(
                    {
                        "reference": _(
                            "Another engagement at this classification has this reference."
                        )
                    }
                )
        return attrs


class FollowUpSerializer(RecordSerializer):
    engagement = engagement_field()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["id", *FOLLOW_UP_FIELDS, "overdue", *PROVENANCE]
        read_only_fields = READ_ONLY

    def get_overdue(self, follow_up: FollowUp) -> bool:
        """Open or in progress, and due before today."""
        return follow_up.is_overdue(today=date.today())


class CommitmentSerializer(RecordSerializer):
    engagement = engagement_field(required=False, allow_null=True)
    country = country_field(required=False, allow_null=True)
    organization = organization_field(required=False, allow_null=True)
    forum = forum_field(required=False, allow_null=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "direction",
            "engagement",
            "country",
            "organization",
            "forum",
            "description_en",
            "description_fr",
            "status",
            "due",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_partner(self, attrs, "country", "organization", "forum")
        return attrs


@extend_schema_field({"type": "string", "nullable": True, "example": "network.office"})
class ContentTypeField(serializers.Field):
    """A kind of record as `app_label.model`, e.g. `network.office`."""

    def to_representation(self, value: ContentType) -> str:
        return f"{value.app_label}.{value.model}"

    def to_internal_value(self, data: Any) -> ContentType:
        app_label, _dot, model = str(data).partition(".")
        try:
            return ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            raise serializers.ValidationError(
                _("Unknown record type “%(type)s”; give it as app_label.model.") % {"type": data}
            ) from None


class EvidenceSerializer(RecordSerializer):
    irritant = VisiblePrimaryKeyRelatedField(queryset=Irritant.objects.all())
    content_type = ContentTypeField(required=False, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "irritant",
            "content_type",
            "object_id",
            "description_en",
            "description_fr",
            "url",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        content_type = merged(self, attrs, "content_type")
        object_id = merged(self, attrs, "object_id") or ""
        if (content_type is None) != (not object_id):
            message = _("Give both “content_type” and “object_id”, or neither.")
            raise serializers.ValidationError({"content_type": [message], "object_id": [message]})
        if content_type is not None and not self._record_is_visible(content_type, object_id):
            raise serializers.ValidationError(
                {"object_id": [_("No such record of this type: %(id)s.") % {"id": object_id}]}
            )
        return attrs

    def _record_is_visible(self, content_type: ContentType, object_id: str) -> bool:
        model = content_type.model_class()
        if model is None:
            return False
        queryset = model._default_manager.all()
        if isinstance(queryset, RestrictedQuerySet):
            queryset = queryset.restrict(self.context["request"].user, "view")
        try:
            return bool(queryset.filter(pk=object_id).exists())
        except (ValueError, TypeError):
            return False


class NestedEvidenceSerializer(EvidenceSerializer):
    """Evidence nested in its irritant (read only: write it at /evidence/)."""

    irritant = None  # type: ignore[assignment]

    class Meta(EvidenceSerializer.Meta):
        fields = [name for name in EvidenceSerializer.Meta.fields if name != "irritant"]
        read_only_fields = fields


class IrritantSerializer(RecordSerializer):
    country = country_field(required=False, allow_null=True)
    organization = organization_field(required=False, allow_null=True)
    party = PartyField()
    engagements = engagement_field(many=True, required=False)
    evidence = NestedEvidenceSerializer(many=True, read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Irritant
        fields = [
            "id",
            "title_en",
            "title_fr",
            "kind",
            "country",
            "organization",
            "party",
            "description_en",
            "description_fr",
            "status",
            "is_open",
            "severity",
            "raised_on",
            "resolved_on",
            "engagements",
            "evidence",
            *PROVENANCE,
        ]
        read_only_fields = READ_ONLY

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_partner(self, attrs, "country", "organization")
        require_ordered(self, attrs, "raised_on", "resolved_on")
        return attrs
