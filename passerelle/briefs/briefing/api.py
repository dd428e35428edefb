"""The briefing API: events, brief requests (their status moves through the pages' actions or
here, by the same workflow), approval chains, and approvals (read only: decisions are taken on
the request's page, where the chain's order is kept)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from passerelle.briefs.briefing.filters import BriefRequestFilterSet, EventFilterSet
from passerelle.briefs.briefing.forms import EVENT_FIELDS, REQUEST_CONTENT, REQUEST_TASKING
from passerelle.briefs.briefing.models import Approval, ApprovalChain, BriefRequest, Event
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    RestrictedReadOnlyViewSet,
)
from passerelle.partners.api.serializers import country_field, forum_field


class EventSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    forum = forum_field(required=False, allow_null=True)
    countries = country_field(many=True, required=False)

    class Meta:
        model = Event
        fields = ["id", *EVENT_FIELDS, "version"]
        read_only_fields = ["version"]


class EventViewSet(RestrictedModelViewSet):
    """Events principals attend: forum meetings, bilateral visits, ministerials, conferences."""

    queryset = Event.objects.prefetch_related("countries")
    serializer_class = EventSerializer
    filterset_class = EventFilterSet


_WORKFLOW = ["status", "requested_on", "drafting_on", "review_on", "approved_on", "sent_on"]
"""A request's status and the day it reached each: read here, written by the workflow only."""


class BriefRequestSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    forum = forum_field(required=False, allow_null=True)
    country = country_field(required=False, allow_null=True)

    class Meta:
        model = BriefRequest
        fields = [
            "id",
            "tracking_number",
            *REQUEST_TASKING,
            "requested_by",
            *REQUEST_CONTENT,
            *_WORKFLOW,
            "classification",
            "illustrative",
            "version",
        ]
        read_only_fields = ["tracking_number", "requested_by", *_WORKFLOW, "version"]


class BriefRequestViewSet(RestrictedModelViewSet):
    """Requests for briefs and notes (taskings), with their status and its dates."""

    queryset = BriefRequest.objects.all()
    serializer_class = BriefRequestSerializer
    filterset_class = BriefRequestFilterSet

    def perform_create(self, serializer: Any) -> None:
        serializer.save(requested_by=self.request.user)


class ApprovalChainSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ApprovalChain
        fields = ["id", "kind", "steps_en", "steps_fr", "classification", "illustrative", "version"]
        read_only_fields = ["version"]


class ApprovalChainViewSet(RestrictedModelViewSet):
    """The steps each kind of brief or note goes through, set by the branch."""

    queryset = ApprovalChain.objects.all()
    serializer_class = ApprovalChainSerializer


class ApprovalSerializer(serializers.ModelSerializer):
    approver = serializers.CharField(source="approver.username", read_only=True)

    class Meta:
        model = Approval
        fields = [
            "id",
            "request",
            "step",
            "step_name",
            "decision",
            "approver",
            "decided_at",
            "comments",
            "superseded",
            "classification",
        ]


class ApprovalViewSet(RestrictedReadOnlyViewSet):
    """Each step's decision on a request: who, when, with what comments."""

    queryset = Approval.objects.select_related("approver")
    serializer_class = ApprovalSerializer


ROUTES = [
    ("events", EventViewSet),
    ("requests", BriefRequestViewSet),
    ("approval-chains", ApprovalChainViewSet),
    ("approvals", ApprovalViewSet),
]
