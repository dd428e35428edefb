"""The partners' pages: the index, the lists of forums, organizations and frameworks (filterable,
and downloadable as CSV with `?format=csv`), one page per forum, organization and framework, and
the partners' section of a country's page. Every read goes through `restrict(request.user,
"view")`, mostly by way of partners/services.py."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.marking import page_marking
from passerelle.core.models import User
from passerelle.core.text import fold
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    EngagementQuerySet,
    FollowUp,
    Irritant,
)
from passerelle.geo.models import Country
from passerelle.partners import services
from passerelle.partners.filters import ForumFilterSet, FrameworkFilterSet, OrganizationFilterSet
from passerelle.partners.models import CANADA, Forum, ForumRole, Framework, Organization

RECENT_ENGAGEMENTS = 15


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where to start: the forums, organizations and frameworks the user may see."""
    user = _user(request)
    forums = Forum.objects.restrict(user, "view")
    organizations = Organization.objects.restrict(user, "view")
    frameworks = Framework.objects.restrict(user, "view")
    canada_now = services.canada_roles(user=user).on(date.today())  # type: ignore[attr-defined]
    context = {
        "forums": sorted(forums, key=lambda f: fold(f.name)),
        "organizations": sorted(organizations, key=lambda o: fold(o.name)),
        "frameworks": sorted(frameworks, key=lambda f: fold(f.name)),
        "canada_now": canada_now,
        **page_marking(forums, organizations, frameworks, canada_now),
    }
    return render(request, "partners/index.html", context)


def _list_page(
    request: HttpRequest,
    *,
    queryset: QuerySet[Any],
    filterset_class: type[Any],
    template: str,
    columns: list[tuple[Any, Any]],
    filename: str,
    extra: dict[str, Any],
) -> HttpResponse:
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    shown = filterset.qs if filterset.is_valid() else queryset.none()
    marking = page_marking(shown)
    records = sorted(shown, key=lambda record: fold(record.name))
    if wants_csv(request):
        return csv_response(records, columns, filename=filename, marking=marking)
    query = request.GET.copy()
    query["format"] = "csv"
    context = {
        "records": records,
        "total": queryset.count(),
        "errors": filterset.errors,
        "error_links": _error_links(filterset.errors),
        "selected": request.GET,
        "csv_query": query.urlencode(),
        **extra,
        **marking,
    }
    return render(request, template, context)


def _error_links(errors: dict[str, Any]) -> str:
    """The filters' errors as gcds-error-summary's links: field anchor → message, the same
    messages as next to the fields."""
    messages = {
        "kind": _("Choose a type from the list."),
        "scope": _("Choose a scope from the list."),
        "member": _("Choose a country from the list."),
        "country": _("Choose a country from the list."),
    }
    return json.dumps(
        {f"#id_{name}": str(messages.get(name, problems[0])) for name, problems in errors.items()},
        ensure_ascii=False,
    )


def _name(record: Any) -> str:
    return record.name if record is not None else ""


def _common_columns() -> list[tuple[Any, Any]]:
    return [
        ("slug", _("Slug")),
        ("name_en", _("Name (English)")),
        ("name_fr", _("Name (French)")),
        ("acronym_en", _("Acronym (English)")),
        ("acronym_fr", _("Acronym (French)")),
        ("get_kind_display", _("Type")),
    ]


def _trailing_columns() -> list[tuple[Any, Any]]:
    return [
        ("get_classification_display", _("Classification")),
        ("illustrative", _("Illustrative")),
    ]


def _choices(request: HttpRequest) -> dict[str, Any]:
    countries = Country.objects.restrict(_user(request), "view")
    return {"countries": sorted(countries, key=lambda c: fold(c.name))}


@login_required
def forum_list(request: HttpRequest) -> HttpResponse:
    """Forums, filterable by type, scope, member country and name; `?format=csv` downloads them."""
    forums = Forum.objects.select_related("secretariat", "directed_by")
    columns = [
        *_common_columns(),
        ("get_scope_display", _("Scope")),
        (lambda f: _name(f.secretariat), _("Secretariat")),
        (lambda f: _name(f.directed_by), _("Receives direction from")),
        ("established", _("Established")),
        ("website", _("Website")),
        *_trailing_columns(),
    ]
    return _list_page(
        request,
        queryset=forums,
        filterset_class=ForumFilterSet,
        template="partners/forum_list.html",
        columns=columns,
        filename="forums",
        extra={
            "kinds": Forum.Kind.choices,
            "scopes": Forum.Scope.choices,
            **_choices(request),
        },
    )


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    """Organizations, filterable by type, country and name; `?format=csv` downloads them."""
    organizations = Organization.objects.select_related("headquarters")
    columns = [
        *_common_columns(),
        ("iati_identifier", _("IATI identifier")),
        (lambda o: _name(o.headquarters), _("Headquarters")),
        ("website", _("Website")),
        *_trailing_columns(),
    ]
    return _list_page(
        request,
        queryset=organizations,
        filterset_class=OrganizationFilterSet,
        template="partners/organization_list.html",
        columns=columns,
        filename="organizations",
        extra={
            "kinds": Organization.Kind.choices,
            **_choices(request),
        },
    )


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    """Frameworks and agreements, filterable by type and name; `?format=csv` downloads them."""
    user = _user(request)
    frameworks = Framework.objects.restrict(user, "view").select_related("forum")
    columns = [
        *_common_columns(),
        ("adopted", _("Adopted")),
        (lambda f: _name(f.forum), _("Forum")),
        *_trailing_columns(),
    ]
    return _list_page(
        request,
        queryset=frameworks,
        filterset_class=FrameworkFilterSet,
        template="partners/framework_list.html",
        columns=columns,
        filename="frameworks",
        extra={"kinds": Framework.Kind.choices},
    )


def _activity(user: User, partner: Forum | Organization) -> dict[str, Any]:
    """The engagements timeline, open irritants, open follow-ups and commitments of a forum or an
    organization."""
    visible = cast(EngagementQuerySet, Engagement.objects.restrict(user, "view"))
    engagements = (
        visible.with_partner(partner)
        .select_related("forum", "place_country")
        .order_by("-start_date", "pk")
    )
    recent = list(engagements[:RECENT_ENGAGEMENTS])
    irritants = Irritant.objects.restrict(user, "view").filter(status__in=Irritant.OPEN_STATUSES)
    commitments = Commitment.objects.restrict(user, "view")
    if isinstance(partner, Forum):
        irritants = irritants.filter(engagements__in=engagements).distinct()
        commitments = commitments.filter(forum=partner)
    else:
        irritants = irritants.filter(organization=partner)
        commitments = commitments.filter(organization=partner)
    follow_ups = (
        FollowUp.objects.restrict(user, "view")
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


@login_required
def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One forum: what it is, who directs it and serves as its secretariat, its members and
    roles over time (a table and a timeline), frameworks, and the branch's activity in it."""
    user = _user(request)
    visible = Forum.objects.restrict(user, "view")
    forum = get_object_or_404(visible.select_related("directed_by", "secretariat"), slug=slug)
    directed_by = visible.filter(pk=forum.directed_by_id).first() if forum.directed_by_id else None
    secretariat = (
        Organization.objects.restrict(user, "view").filter(pk=forum.secretariat_id).first()
        if forum.secretariat_id
        else None
    )
    directs = visible.filter(directed_by=forum)
    members = services.members(forum=forum, user=user)
    roles = list(services.roles_over_time(forum=forum, user=user))
    frameworks = Framework.objects.restrict(user, "view").filter(forum=forum)
    activity = _activity(user, forum)
    context = {
        "forum": forum,
        "directed_by": directed_by,
        "secretariat": secretariat,
        "directs": directs,
        "members": members,
        "roles": roles,
        "roles_now": list(services.roles_on(forum=forum, day=date.today(), user=user)),
        "timeline": services.roles_timeline(roles),
        "frameworks": frameworks,
        **activity,
        **page_marking(
            forum,
            directed_by,
            secretariat,
            directs,
            members,
            frameworks,
            *roles,
            *activity["activity_shown"],
        ),
    }
    return render(request, "partners/forum_detail.html", context)


@login_required
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One organization: its type, identifiers, relationships and their nature, the forums it
    belongs to or serves, and the branch's engagements with it."""
    user = _user(request)
    organization = get_object_or_404(Organization.objects.restrict(user, "view"), slug=slug)
    countries = Country.objects.restrict(user, "view")
    headquarters = (
        countries.filter(pk=organization.headquarters_id).first()
        if organization.headquarters_id
        else None
    )
    works_in = countries.filter(organizations=organization)
    summary = services.relationship_summary(partner=organization, user=user)
    serves = Forum.objects.restrict(user, "view").filter(secretariat=organization)
    activity = _activity(user, organization)
    context = {
        "organization": organization,
        "headquarters": headquarters,
        "works_in": sorted(works_in, key=lambda c: fold(c.name)),
        "summary": summary,
        "serves": serves,
        **activity,
        **page_marking(
            organization,
            headquarters,
            works_in,
            serves,
            *summary.shown,
            *activity["activity_shown"],
        ),
    }
    return render(request, "partners/organization_detail.html", context)


@login_required
def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One framework or agreement: what it is, when it was adopted, the forum that carries it
    forward and the countries that endorsed it."""
    user = _user(request)
    framework = get_object_or_404(Framework.objects.restrict(user, "view"), slug=slug)
    forum = (
        Forum.objects.restrict(user, "view").filter(pk=framework.forum_id).first()
        if framework.forum_id
        else None
    )
    countries = Country.objects.restrict(user, "view").filter(frameworks=framework)
    context = {
        "framework": framework,
        "forum": forum,
        "countries": sorted(countries, key=lambda c: fold(c.name)),
        **page_marking(framework, forum, countries),
    }
    return render(request, "partners/framework_detail.html", context)


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's partners section: the forums the country belongs to, the roles it and
    Canada held in them over time, the forums it shares with Canada today, and its
    relationships; nothing when there is none the user may see."""
    user = _user(request)
    summary = services.relationship_summary(partner=country, user=user)
    canada: list[ForumRole] = []
    if country.iso_alpha3 != CANADA:
        canada = list(services.canada_roles(user=user, country=country))
    roles = sorted(
        [*summary.roles, *canada],
        key=lambda r: (r.start or date.min, fold(r.forum.name), r.pk),
    )
    if summary.is_empty and not roles:
        return None
    return "partners/country_panel.html", {
        "summary": summary,
        "roles": roles,
        "timeline": services.roles_timeline(roles, with_forum=True),
        "today": date.today(),
        "shown": [*summary.shown, *canada],
    }
