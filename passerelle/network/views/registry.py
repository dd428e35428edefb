"""The registry's pages: the network as of a date, area offices, offices, biometric collection
points, and the CSV import. Every read goes through `restrict(request.user, "view")`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from passerelle.core.imports import import_context
from passerelle.core.marking import page_marking
from passerelle.core.text import fold
from passerelle.geo.models import Country, Region
from passerelle.network import importers, services
from passerelle.network.filters import OfficeFilterSet, PointFilterSet
from passerelle.network.forms import BINDER_STAFFING_DATE, AsOfForm, ImportForm
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)

IMPORT_PERMISSIONS = ("network.add_office", "network.add_biometriccollectionpoint")


def _as_of(request: HttpRequest) -> tuple[AsOfForm, Any]:
    form = AsOfForm(request.GET or None)
    return form, form.date()


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The network's totals as of a date, and what each area office is responsible for."""
    form, as_of = _as_of(request)
    user = request.user
    state = services.network_state(as_of=as_of, user=user)  # type: ignore[arg-type]
    context = {
        "form": form,
        "as_of": as_of,
        "binder_date": BINDER_STAFFING_DATE,
        "summary": services.network_summary(as_of=as_of, user=user),  # type: ignore[arg-type]
        "areas": services.area_office_counts(as_of=as_of, user=user, state=state),  # type: ignore[arg-type]
        "can_import": any(user.has_perm(p) for p in IMPORT_PERMISSIONS),
        **page_marking(
            Office.objects.in_service(as_of).restrict(user, "view"),
            AreaOffice.objects.restrict(user, "view"),
            StaffingSnapshot.objects.restrict(user, "view").filter(as_of__lte=as_of),
            services.points_in_service(as_of=as_of, user=user),  # type: ignore[arg-type]
        ),
    }
    return render(request, "network/overview.html", context)


@login_required
def area_office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One area office: the offices it is responsible for on a date and the countries they serve."""
    user = request.user
    area_office = get_object_or_404(
        AreaOffice.objects.restrict(user, "view").select_related("office"), slug=slug
    )
    form, as_of = _as_of(request)
    [counts] = [
        c
        for c in services.area_office_counts(as_of=as_of, user=user)  # type: ignore[arg-type]
        if c.area_office.pk == area_office.pk
    ]
    jurisdictions = (
        Jurisdiction.objects.restrict(user, "view")
        .filter(office__area_office=area_office, office__in=Office.objects.restrict(user, "view"))
        .select_related("country", "office")
    )
    context = {
        "area_office": area_office,
        "counts": counts,
        "form": form,
        "as_of": as_of,
        "jurisdictions": sorted(jurisdictions, key=lambda j: fold(j.country.name)),
        **page_marking(area_office, area_office.office, jurisdictions, *counts.overseas_offices),
    }
    return render(request, "network/area_office_detail.html", context)


def _choices(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "regions": sorted(Region.objects.restrict(user, "view"), key=lambda r: fold(r.name)),
        "countries": sorted(Country.objects.restrict(user, "view"), key=lambda c: fold(c.name)),
        "selected": request.GET,
    }


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    """Offices, filterable by area office, kind, country, region and a search."""
    offices = Office.objects.restrict(request.user, "view").select_related("country", "area_office")
    filterset = OfficeFilterSet(request.GET, queryset=offices, request=request)
    shown: QuerySet[Office] = filterset.qs
    context = {
        "offices": shown,
        "total": offices.count(),
        "errors": filterset.errors,
        "kinds": Office.Kind.choices,
        "area_offices": AreaOffice.objects.all(),
        **_choices(request),
        **page_marking(shown),
    }
    return render(request, "network/office_list.html", context)


@login_required
def office_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One office: where it is, its area office, its staffing history, the countries it serves."""
    user = request.user
    office = get_object_or_404(
        Office.objects.restrict(user, "view").select_related("country", "area_office"), code=code
    )
    area_office = office.area_office
    if (
        area_office is not None
        and not AreaOffice.objects.restrict(user, "view").filter(pk=area_office.pk).exists()
    ):
        area_office = None
    staffing = StaffingSnapshot.objects.restrict(user, "view").filter(office=office)
    jurisdictions = (
        Jurisdiction.objects.restrict(user, "view").filter(office=office).select_related("country")
    )
    hosted = AreaOffice.objects.restrict(user, "view").filter(office=office).first()
    context = {
        "office": office,
        "area_office": area_office,
        "hosted": hosted,
        "staffing": staffing.order_by("-as_of"),
        "jurisdictions": sorted(jurisdictions, key=lambda j: fold(j.country.name)),
        **page_marking(office, area_office, hosted, staffing, jurisdictions),
    }
    return render(request, "network/office_detail.html", context)


@login_required
def point_list(request: HttpRequest) -> HttpResponse:
    """Biometric collection points, filterable by country, status, region and a search."""
    points = BiometricCollectionPoint.objects.restrict(request.user, "view").select_related(
        "country"
    )
    filterset = PointFilterSet(request.GET, queryset=points, request=request)
    shown: QuerySet[BiometricCollectionPoint] = filterset.qs
    context = {
        "points": shown,
        "total": points.count(),
        "errors": filterset.errors,
        "statuses": BiometricCollectionPoint.Status.choices,
        **_choices(request),
        **page_marking(shown),
    }
    return render(request, "network/point_list.html", context)


@login_required
def point_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One biometric collection point, and the office that serves its country."""
    user = request.user
    point = get_object_or_404(
        BiometricCollectionPoint.objects.restrict(user, "view").select_related("country"),
        code=code,
    )
    jurisdictions = (
        Jurisdiction.objects.restrict(user, "view")
        .filter(country=point.country, office__in=Office.objects.restrict(user, "view"))
        .select_related("office")
    )
    context = {
        "point": point,
        "services": [
            label
            for value, label in BiometricCollectionPoint.Service.choices
            if value in point.services
        ],
        "jurisdictions": _serving(user, jurisdictions),
        **page_marking(point, jurisdictions),
    }
    return render(request, "network/point_detail.html", context)


def _serving(user: Any, jurisdictions: QuerySet[Jurisdiction]) -> list[dict[str, Any]]:
    """Each serving office with its area office."""
    return [{"office": j.office, "area_office": j.office.area_office} for j in jurisdictions]


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of offices, points or staffing: all rows written, or none and every rejected
    row shown. For administrators and network managers."""
    if not any(request.user.has_perm(p) for p in IMPORT_PERMISSIONS):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)

    def run(data: dict[str, Any]) -> Any:
        return importers.import_csv(data["kind"], data["file"], user=request.user)  # type: ignore[arg-type]

    context = import_context(request, form, run) | {"kinds": importers.FILE_KINDS}
    return render(request, "network/import.html", context)


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's network section: offices and points in the country, and the office
    (with its area office) that serves it; nothing when there is none the user may see."""
    user = request.user
    offices = Office.objects.restrict(user, "view").filter(country=country)
    points = BiometricCollectionPoint.objects.restrict(user, "view").filter(country=country)
    jurisdictions = (
        Jurisdiction.objects.restrict(user, "view")
        .filter(country=country, office__in=offices.model.objects.restrict(user, "view"))
        .select_related("office")
    )
    serving = _serving(user, jurisdictions)
    if not (serving or offices.exists() or points.exists()):
        return None
    return "network/country_panel.html", {
        "offices": offices,
        "points": points,
        "jurisdictions": serving,
        "shown": [offices, points, jurisdictions],
    }
