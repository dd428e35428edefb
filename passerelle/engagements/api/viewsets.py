"""The engagements' endpoints: engagements, participants, follow-ups (`?overdue=true`),
commitments, irritants (with the engagements where they were raised and their evidence),
evidence, and the topic and objective vocabularies."""

from __future__ import annotations

from passerelle.core.api.viewsets import RestrictedModelViewSet
from passerelle.engagements.api.serializers import (
    CommitmentSerializer,
    EngagementSerializer,
    EvidenceSerializer,
    FollowUpSerializer,
    IrritantSerializer,
    ObjectiveSerializer,
    ParticipantSerializer,
    TopicSerializer,
)
from passerelle.engagements.filters import (
    CommitmentFilterSet,
    EngagementFilterSet,
    EvidenceFilterSet,
    FollowUpFilterSet,
    IrritantFilterSet,
    ParticipantFilterSet,
)
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
from passerelle.partners.models import Organization


class TopicViewSet(RestrictedModelViewSet):
    """The controlled vocabulary of topics, by slug."""

    queryset = Topic.objects.prefetch_related("citations__source")
    serializer_class = TopicSerializer
    lookup_field = "slug"
    filterset_fields = ["slug"]
    search_fields = ["slug", "name_en", "name_fr"]


class ObjectiveViewSet(RestrictedModelViewSet):
    """The binder's opportunities of engagement and diplomacy goals, by slug."""

    queryset = Objective.objects.prefetch_related("citations__source")
    serializer_class = ObjectiveSerializer
    lookup_field = "slug"
    filterset_fields = ["kind", "slug"]
    search_fields = ["slug", "name_en", "name_fr"]


class EngagementViewSet(RestrictedModelViewSet):
    """Meetings, visits, calls, dialogues, forum sessions and conferences. Filter by `country`,
    `organization`, `forum`, `level`, `topic`, `objective`, `channel`, `kind`, `start`–`end`,
    `classification`; `q` or `search` for titles and summaries."""

    queryset = Engagement.objects.select_related("place_country", "forum").prefetch_related(
        "citations__source"
    )
    visible_related = {
        "countries": Country.objects.all(),
        "organizations": Organization.objects.all(),
        "topics": Topic.objects.all(),
        "objectives": Objective.objects.all(),
        "participants": Participant.objects.select_related("country", "organization"),
    }
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilterSet
    search_fields = ["title_en", "title_fr", "summary_en", "summary_fr"]
    ordering_fields = ["start_date", "title_en"]


class ParticipantViewSet(RestrictedModelViewSet):
    """Who took part in an engagement, on which side, at which level."""

    queryset = Participant.objects.select_related("country", "organization").prefetch_related(
        "citations__source"
    )
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilterSet
    search_fields = ["name", "position_en", "position_fr"]


class FollowUpViewSet(RestrictedModelViewSet):
    """Actions that came out of engagements. `overdue=true`: open or in progress and due before
    today; filter also by `engagement`, `status`, `due_before`, `country`, `classification`."""

    queryset = FollowUp.objects.prefetch_related("citations__source")
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilterSet
    search_fields = ["action_en", "action_fr", "owner"]
    ordering_fields = ["due", "status"]


class CommitmentViewSet(RestrictedModelViewSet):
    """Canada's commitments (offers) and partners' requests (asks), and where they stand."""

    queryset = Commitment.objects.select_related(
        "country", "organization", "forum"
    ).prefetch_related("citations__source")
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    search_fields = ["description_en", "description_fr"]
    ordering_fields = ["due", "status"]


class IrritantViewSet(RestrictedModelViewSet):
    """Irritants partners raise, through their lifecycle, with the engagements where they were
    raised and their evidence. Filter by `kind`, `status`, `severity`, `country`,
    `organization`, `open`, `classification`."""

    queryset = Irritant.objects.select_related("country", "organization").prefetch_related(
        "citations__source"
    )
    visible_related = {
        "engagements": Engagement.objects.all(),
        "evidence": Evidence.objects.select_related("content_type"),
    }
    serializer_class = IrritantSerializer
    filterset_class = IrritantFilterSet
    search_fields = ["title_en", "title_fr", "description_en", "description_fr"]
    ordering_fields = ["severity", "raised_on", "title_en"]


class EvidenceViewSet(RestrictedModelViewSet):
    """Evidence attached to irritants: a record of another module or a document."""

    queryset = Evidence.objects.select_related("content_type").prefetch_related("citations__source")
    serializer_class = EvidenceSerializer
    filterset_class = EvidenceFilterSet
    search_fields = ["description_en", "description_fr"]


ROUTES = [
    ("engagements", EngagementViewSet),
    ("participants", ParticipantViewSet),
    ("follow-ups", FollowUpViewSet),
    ("commitments", CommitmentViewSet),
    ("irritants", IrritantViewSet),
    ("evidence", EvidenceViewSet),
    ("topics", TopicViewSet),
    ("objectives", ObjectiveViewSet),
]
