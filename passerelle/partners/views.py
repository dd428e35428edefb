"""The partners' pages: the index, the lists of forums, organizations and frameworks (filterable,
and downloadable as CSV with `?format=csv`), one page per forum, organization and framework, and
the partners' section of a country's page; their edit, delete and history pages. The pages are
declared over the kernel's generic views (core/views/generic.py); every read is the request's
reader's (core/reader.py)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, cast
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import User
from passerelle.core.text import fold
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    EngagementQuerySet,
    FollowUp,
    Irritant,
)
from passerelle.geo.models import Country
from passerelle.partners import services
from passerelle.partners.filters import (
    ForumFilterSet,
    FrameworkFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
)
from passerelle.partners.forms import (
    AppointmentForm,
    ForumForm,
    FrameworkForm,
    OrganizationForm,
    PersonForm,
)
from passerelle.partners.models import (
    CANADA,
    Appointment,
    Forum,
    ForumRole,
    Framework,
    Organization,
    Person,
)
from passerelle.partners.shared import shared_with_canada
from passerelle.partners.tables import (
    AppointmentTable,
    ForumTable,
    FrameworkTable,
    OrganizationTable,
    PersonAppointmentTable,
    PersonTable,
)

RECENT_ENGAGEMENTS = 15


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where to start: the forums, organizations and frameworks the user may see."""
    user = _user(request)
    forums = Forum.objects.all()
    organizations = Organization.objects.all()
    frameworks = Framework.objects.all()
    canada_now = services.canada_roles(user=user).on(date.today())  # type: ignore[attr-defined]
    context = {
        "forums": sorted(forums, key=lambda f: fold(f.name)),
        "organizations": sorted(organizations, key=lambda o: fold(o.name)),
        "frameworks": sorted(frameworks, key=lambda f: fold(f.name)),
        "canada_now": canada_now,
    }
    return render(request, "partners/index.html", context)


class PartnerListView(ObjectListView):
    template_name = "partners/object_list.html"


class PartnerEditView(ObjectEditView):
    lookup_field = "slug"
    template_name = "partners/object_edit.html"


class ForumListView(PartnerListView):
    """Forums, filterable by name, type, scope and member country; `?format=csv` downloads them."""

    queryset = Forum.objects.select_related("secretariat", "directed_by")
    table = ForumTable
    filterset = ForumFilterSet
    filename = "forums"


class OrganizationListView(PartnerListView):
    """Organizations, filterable by name, type and country; `?format=csv` downloads them."""

    queryset = Organization.objects.select_related("headquarters")
    table = OrganizationTable
    filterset = OrganizationFilterSet
    filename = "organizations"


class FrameworkListView(PartnerListView):
    """Frameworks and agreements, filterable by name and type; `?format=csv` downloads them."""

    queryset = Framework.objects.select_related("forum")
    table = FrameworkTable
    filterset = FrameworkFilterSet
    filename = "frameworks"


def _activity(user: User, partner: Forum | Organization) -> dict[str, Any]:
    """The engagements timeline, open irritants, open follow-ups and commitments of a forum or an
    organization."""
    visible = cast(EngagementQuerySet, Engagement.objects.all())
    engagements = (
        visible.with_partner(partner)
        .select_related("forum", "place_country")
        .order_by("-start_date", "pk")
    )
    recent = list(engagements[:RECENT_ENGAGEMENTS])
    irritants = Irritant.objects.filter(status__in=Irritant.OPEN_STATUSES)
    commitments = Commitment.objects.all()
    if isinstance(partner, Forum):
        irritants = irritants.filter(engagements__in=engagements).distinct()
        commitments = commitments.filter(forum=partner)
    else:
        irritants = irritants.filter(organization=partner)
        commitments = commitments.filter(organization=partner)
    follow_ups = (
        FollowUp.objects.all()
        .filter(engagement__in=engagements, status__in=FollowUp.OPEN_STATUSES)
        .select_related("engagement")
        .order_by("due", "pk")
    )
    commitments = commitments.select_related("engagement").order_by("status", "due", "pk")
    irritants = irritants.order_by("-severity", "title_en")
    return {
        "engagements": recent,
        "engagement_total": engagements.count(),
        "irritants": list(irritants),
        "follow_ups": list(follow_ups),
        "commitments": list(commitments),
        "today": date.today(),
        "engagements_query": urlencode(
            {"forum" if isinstance(partner, Forum) else "organization": partner.slug}
        ),
        "activity_shown": [engagements, irritants, follow_ups, commitments],
    }


class PartnerDetailView(ObjectDetailView):
    lookup_field = "slug"


class ForumDetailView(PartnerDetailView):
    """One forum: what it is, who directs it and serves as its secretariat, its members and
    roles over time (a table and a timeline), frameworks, and the branch's activity in it."""

    queryset = Forum.objects.select_related("directed_by", "secretariat")
    template_name = "partners/forum_detail.html"
    context_object_name = "forum"

    def extra_context(self, request: HttpRequest, forum: Any) -> dict[str, Any]:
        user = _user(request)
        roles = list(services.roles_over_time(forum=forum, user=user))
        return {
            "directed_by": forum.directed_by,
            "secretariat": forum.secretariat,
            "directs": Forum.objects.filter(directed_by=forum),
            "members": services.members(forum=forum, user=user),
            "roles": roles,
            "roles_now": list(services.roles_on(forum=forum, day=date.today(), user=user)),
            "timeline": services.roles_timeline(roles),
            "frameworks": Framework.objects.filter(forum=forum),
            **_activity(user, forum),
        }


class OrganizationDetailView(PartnerDetailView):
    """One organization: its type, identifiers, relationships and their nature, the forums it
    belongs to or serves, and the branch's engagements with it."""

    queryset = Organization.objects.select_related("headquarters")
    template_name = "partners/organization_detail.html"
    context_object_name = "organization"

    def extra_context(self, request: HttpRequest, organization: Any) -> dict[str, Any]:
        user = _user(request)
        works_in = Country.objects.filter(organizations=organization)
        return {
            "headquarters": organization.headquarters,
            "works_in": sorted(works_in, key=lambda c: fold(c.name)),
            "summary": services.relationship_summary(partner=organization, user=user),
            "serves": Forum.objects.filter(secretariat=organization),
            **_activity(user, organization),
        }


class FrameworkDetailView(PartnerDetailView):
    """One framework or agreement: what it is, when it was adopted, the forum that carries it
    forward and the countries that endorsed it."""

    queryset = Framework.objects.select_related("forum")
    template_name = "partners/framework_detail.html"
    context_object_name = "framework"

    def extra_context(self, request: HttpRequest, framework: Any) -> dict[str, Any]:
        countries = Country.objects.filter(frameworks=framework)
        return {
            "forum": framework.forum,
            "countries": sorted(countries, key=lambda c: fold(c.name)),
        }


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's partners section: one list of what the country shares with Canada
    (forums, frameworks, initiatives: partners/shared.py), its other forum memberships, the
    roles it and Canada held over time, and its relationships; nothing when there is none the
    user may see."""
    user = _user(request)
    summary = services.relationship_summary(partner=country, user=user)
    shared = shared_with_canada(country=country, user=user)
    listed = {item.forum_id for item in shared if item.forum_id}
    others = [m for m in summary.memberships if m.forum_id not in listed]
    canada: list[ForumRole] = []
    if country.iso_alpha3 != CANADA:
        canada = list(services.canada_roles(user=user, country=country))
    roles = sorted(
        [*summary.roles, *canada],
        key=lambda r: (r.start or date.min, fold(r.forum.name), r.pk),
    )
    if summary.is_empty and not roles and not shared:
        return None
    return "partners/country_panel.html", {
        "summary": summary,
        "shared": shared,
        "other_memberships": others,
        "roles": roles,
        "timeline": services.roles_timeline(roles, with_forum=True),
        "today": date.today(),
        "shown": [*summary.shown, *canada, *(item.record for item in shared)],
    }


# Edit pages: declared, nothing more (delete and history: the generic pages, urls.py).


class ForumEditView(PartnerEditView):
    queryset = Forum.objects.all()
    form = ForumForm


class OrganizationEditView(PartnerEditView):
    queryset = Organization.objects.all()
    form = OrganizationForm


class FrameworkEditView(PartnerEditView):
    queryset = Framework.objects.all()
    form = FrameworkForm


class PersonListView(PartnerListView):
    """Counterparts and Canadian principals, filterable by name, side, country and organization;
    `?format=csv` downloads them."""

    queryset = Person.objects.select_related("country").prefetch_related("appointments")
    table = PersonTable
    filterset = PersonFilterSet
    filename = "people"


class PersonDetailView(ObjectDetailView):
    """One person: their title today, the titles they held (a panel), the engagements they took
    part in, their biography, and their one-page biography note (briefs)."""

    queryset = Person.objects.select_related("country")
    lookup_field = "slug"
    template_name = "partners/person_detail.html"
    context_object_name = "person"
    panels: ClassVar[list[tuple[Any, type[Any], Any]]] = [
        (
            _("Titles held"),
            AppointmentTable,
            lambda person: person.appointments.select_related("organization", "country"),
        )
    ]

    def extra_context(self, request: HttpRequest, person: Any) -> dict[str, Any]:
        taken = person.participations.select_related("engagement").order_by(
            "-engagement__start_date"
        )
        return {
            "can_add_appointment": request.user.has_perm("partners.add_appointment"),
            "title_now": person.title_on(date.today()),
            "engagements": [p.engagement for p in taken if p.engagement is not None],
        }


class PersonEditView(PartnerEditView):
    queryset = Person.objects.all()
    form = PersonForm


class AppointmentListView(PartnerListView):
    """Every title held, by whom, where and when."""

    queryset = Appointment.objects.select_related("person", "organization", "country")
    table = PersonAppointmentTable
    filterset = None
    filename = "titles"


class AppointmentDetailView(ObjectDetailView):
    """One title held: by whom, where, from when to when."""

    queryset = Appointment.objects.select_related("person", "organization", "country")
    template_name = "partners/appointment_detail.html"
    context_object_name = "appointment"


class AppointmentEditView(ObjectEditView):
    """Add or edit a title held; `?person=<slug>` names the person of a new one."""

    queryset = Appointment.objects.all()
    form = AppointmentForm
    template_name = "partners/object_edit.html"

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        person = Person.objects.filter(slug=request.GET.get("person", "")).first()
        return {"person": person.pk} if person is not None else {}
