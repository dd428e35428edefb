"""The people pages and the group mappings, for administrators (a role that may change users or
mappings; anyone else gets 403), declared over the generic views: a list of people (by role,
clearance, active), a person with their history, their roles, clearance and access to edit; the
identity provider's groups and the roles they give (docs/sign-in.md). Accounts are created by
the first sign-in through the provider, or by a superuser in the admin, so there is no add page
for people."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse

from passerelle.core.models import ChangeRecord, RoleMapping, User
from passerelle.core.people import (
    PersonFilterSet,
    PersonForm,
    PersonTable,
    RoleMappingForm,
    RoleMappingTable,
    roles_of,
    sign_in_method,
)
from passerelle.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    require,
)

RECENT_CHANGES = 10


class AdministratorsOnly:
    """403 for a signed-in reader whose role may not change `administered` (the sign-in page
    for anyone else, by the generic views' LoginRequiredMixin)."""

    administered: type[Any] = User

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            require(request, self.administered, "change")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PersonListView(AdministratorsOnly, ObjectListView):
    """Everyone who may sign in, or could: their roles, clearance and whether they are active."""

    queryset = User.objects.prefetch_related("groups").order_by("username")
    table = PersonTable
    filterset = PersonFilterSet
    filename = "people"
    template_name = "core/people/list.html"


class PersonDetailView(AdministratorsOnly, ObjectDetailView):
    queryset = User.objects.prefetch_related("groups")
    template_name = "core/people/detail.html"
    context_object_name = "person"

    def extra_context(self, request: HttpRequest, person: Any) -> dict[str, Any]:
        content_type = ContentType.objects.get_for_model(User)
        changes = ChangeRecord.objects.filter(
            content_type=content_type, object_id=str(person.pk)
        ).order_by("-time", "-pk")[:RECENT_CHANGES]
        return {"roles": roles_of(person), "method": sign_in_method(person), "changes": changes}


class PersonEditView(AdministratorsOnly, ObjectEditView):
    queryset = User.objects.all()
    form = PersonForm
    route_name = "person"

    def get_record(self, request: HttpRequest, **kwargs: Any) -> Any:
        if not kwargs:
            raise Http404
        return super().get_record(request, **kwargs)


class PersonHistoryView(AdministratorsOnly, ObjectHistoryView):
    queryset = User.objects.all()


class RoleMappingListView(AdministratorsOnly, ObjectListView):
    """The identity provider's groups that give a role in Passerelle."""

    administered = RoleMapping
    queryset = RoleMapping.objects.all()
    table = RoleMappingTable
    filename = "group-mappings"
    template_name = "core/people/mapping_list.html"


class RoleMappingDetailView(AdministratorsOnly, ObjectDetailView):
    administered = RoleMapping
    queryset = RoleMapping.objects.all()
    template_name = "core/people/mapping_detail.html"
    context_object_name = "mapping"


class RoleMappingEditView(AdministratorsOnly, ObjectEditView):
    administered = RoleMapping
    queryset = RoleMapping.objects.all()
    form = RoleMappingForm


class RoleMappingDeleteView(AdministratorsOnly, ObjectDeleteView):
    administered = RoleMapping
    queryset = RoleMapping.objects.all()


class RoleMappingHistoryView(AdministratorsOnly, ObjectHistoryView):
    administered = RoleMapping
    queryset = RoleMapping.objects.all()
