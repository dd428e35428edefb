"""People and group mappings in the API, for administrators (their roles alone hold the view
permissions: core/roles.py `ADMIN_ONLY_VIEW`). People are read only here: roles, clearance and
access are changed on the people pages, where the clearance is capped at the administrator's own
(core/people.py); mappings are read and written, under If-Match like every record."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from passerelle.core.api.viewsets import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from passerelle.core.models import RoleMapping, User
from passerelle.core.people import PersonFilterSet, role_choices
from passerelle.core.permissions import ACTION_BY_METHOD
from passerelle.core.querysets import permission_name
from passerelle.core.roles import ROLES


@extend_schema_serializer(component_name="Account")
class PersonSerializer(serializers.ModelSerializer[User]):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "clearance",
            "roles",
            "identity_subject",
            "last_login",
        ]

    def get_roles(self, user: User) -> list[str]:
        return [group.name for group in user.groups.all() if group.name in ROLES]


class RoleMappingSerializer(serializers.ModelSerializer[RoleMapping]):
    role = serializers.ChoiceField(choices=role_choices())

    class Meta:
        model = RoleMapping
        fields = ["id", "provider_group", "role", "created", "last_updated"]
        read_only_fields = ["created", "last_updated"]


class _ByRole:
    """These models have no classification: the role's permission alone decides, so the queryset
    is everything or nothing (403 from the permission class first)."""

    queryset: QuerySet[Any]
    request: Any

    def get_queryset(self) -> QuerySet[Any]:
        action = ACTION_BY_METHOD.get(self.request.method or "GET", "view")
        queryset = self.queryset.all()
        allowed = self.request.user.has_perm(permission_name(queryset.model, action))
        return queryset if allowed else queryset.none()


class PersonViewSet(_ByRole, RestrictedReadOnlyViewSet):
    """Everyone with an account: roles, clearance, whether active, how they sign in."""

    queryset = User.objects.prefetch_related("groups").order_by("username")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    search_fields = ["username", "first_name", "last_name", "email"]


class RoleMappingViewSet(_ByRole, RestrictedModelViewSet):
    """The identity provider's groups and the role each gives."""

    queryset = RoleMapping.objects.all()
    serializer_class = RoleMappingSerializer
    filterset_fields = ["role"]
    search_fields = ["provider_group"]
