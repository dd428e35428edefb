"""The partners' endpoints: organizations, forums (with their members and roles over time),
memberships, roles in forums (as of a date: `?forum=…&on=YYYY-MM-DD`), frameworks and
relationships."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from passerelle.core.api.viewsets import (
    RestrictedModelViewSet,
    visible_prefetch,
)
from passerelle.geo.models import Country
from passerelle.partners.api.serializers import (
    ForumRoleSerializer,
    ForumSerializer,
    FrameworkSerializer,
    MembershipSerializer,
    OrganizationSerializer,
    RelationshipSerializer,
)
from passerelle.partners.filters import (
    ForumFilterSet,
    ForumRoleFilterSet,
    FrameworkFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    RelationshipFilterSet,
)
from passerelle.partners.models import (
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Relationship,
)
from passerelle.partners.services import with_visible_parties


class OrganizationViewSet(RestrictedModelViewSet):
    """International, governmental, non-governmental and research organizations, by slug.
    Filter by `kind`, `country` (ISO alpha-3); `q` or `search` for names and acronyms."""

    queryset = Organization.objects.select_related("headquarters").prefetch_related(
        "citations__source"
    )
    visible_related = {"countries": Country.objects.all()}
    serializer_class = OrganizationSerializer
    lookup_field = "slug"
    filterset_class = OrganizationFilterSet
    search_fields = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr"]
    ordering_fields = ["name_en", "name_fr", "slug"]


class ForumViewSet(RestrictedModelViewSet):
    """Forums, processes, platforms and initiatives, by slug, each with its members and the roles
    held in it over time (only those the reader may see). Filter by `kind`, `scope`, `member`
    (ISO alpha-3); `q` or `search` for names and acronyms."""

    queryset = Forum.objects.select_related("directed_by", "secretariat")
    serializer_class = ForumSerializer
    lookup_field = "slug"
    filterset_class = ForumFilterSet
    search_fields = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr"]
    ordering_fields = ["name_en", "name_fr", "slug", "established"]

    def get_queryset(self) -> QuerySet[Any]:
        request = self.request
        user = request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(
                visible_prefetch(
                    request, "memberships", with_visible_parties(Membership.objects.all(), user)
                ),
                visible_prefetch(
                    request, "roles", with_visible_parties(ForumRole.objects.all(), user)
                ),
                "citations__source",
            )
        )


class FrameworkViewSet(RestrictedModelViewSet):
    """Frameworks and agreements (global compacts, declarations…), by slug."""

    queryset = Framework.objects.select_related("forum").prefetch_related("citations__source")
    visible_related = {"countries": Country.objects.all()}
    serializer_class = FrameworkSerializer
    lookup_field = "slug"
    filterset_class = FrameworkFilterSet
    search_fields = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr"]
    ordering_fields = ["name_en", "adopted"]


class MembershipViewSet(RestrictedModelViewSet):
    """Who belongs to which forum, from when to when. Filter by `forum` (slug), `country` (ISO
    alpha-3), `organization` (slug), `on` (members on that date)."""

    queryset = Membership.objects.select_related(
        "forum", "country", "organization"
    ).prefetch_related("citations__source")
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering_fields = ["start", "end"]


class ForumRoleViewSet(RestrictedModelViewSet):
    """Roles held in forums over time: `?forum=mirps-support-platform&on=2022-06-01` answers who
    held which role that day. Filter also by `role`, `country`, `organization`."""

    queryset = ForumRole.objects.select_related(
        "forum", "country", "organization"
    ).prefetch_related("citations__source")
    serializer_class = ForumRoleSerializer
    filterset_class = ForumRoleFilterSet
    ordering_fields = ["start", "end", "role"]


class RelationshipViewSet(RestrictedModelViewSet):
    """What one partner is to another, and since when. Filter by `kind`, `country`,
    `organization`, `on`."""

    queryset = Relationship.objects.select_related(
        "country", "organization", "counterpart_country", "counterpart_organization"
    ).prefetch_related("citations__source")
    serializer_class = RelationshipSerializer
    filterset_class = RelationshipFilterSet
    ordering_fields = ["start", "end", "kind"]


ROUTES = [
    ("organizations", OrganizationViewSet),
    ("forums", ForumViewSet),
    ("frameworks", FrameworkViewSet),
    ("memberships", MembershipViewSet),
    ("roles", ForumRoleViewSet),
    ("relationships", RelationshipViewSet),
]
