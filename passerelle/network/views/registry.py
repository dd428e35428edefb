"""The registry's pages: the network as of a date, area offices, offices, biometric collection
points (declared over the kernel's generic views: lists with CSV, details, edit, delete and
history), and the CSV import (the generic import page). Every read is the request's reader's
(core/reader.py)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from passerelle.core.text import fold
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from passerelle.core.views.imports import ObjectImportView
from passerelle.geo.models import Country
from passerelle.network import importers, services
from passerelle.network.filters import OfficeFilterSet, PointFilterSet
from passerelle.network.forms import (
    BINDER_STAFFING_DATE,
    AreaOfficeForm,
    AsOfForm,
    ImportForm,
    OfficeForm,
    PointForm,
)
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)
from passerelle.network.tables import OfficeTable, PointTable

IMPORT_PERMISSIONS = ("network.add_office", "network.add_biometriccollectionpoint")


def _as_of(request: HttpRequest) -> tuple[AsOfForm, Any]:
    form = AsOfForm(request.GET or None)
    return form, form.date()


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The network's totals as of a date, and what each area office is responsible for.
    Hand-written: a dashboard of counts as of a date (services.network_state)."""
    form, as_of = _as_of(request)
    user = request.user
    figures = _Counts(as_of, user)
    context = {
        "form": form,
        "as_of": as_of,
        "binder_date": BINDER_STAFFING_DATE,
        # counted when the template first asks (it keeps them until the next write: {% kept %})
        "summary": SimpleLazyObject(lambda: figures.summary),
        "areas": SimpleLazyObject(lambda: figures.areas),
        "keep_until_write": True,  # the network's records are change-logged
        "can_import": any(user.has_perm(p) for p in IMPORT_PERMISSIONS),
    }
    return render(request, "network/overview.html", context)


class _Counts:
    """The overview's counts as of a date, as its reader may see them."""

    def __init__(self, as_of: Any, user: Any) -> None:
        self.as_of, self.user = as_of, user

    @cached_property
    def state(self) -> Any:
        return services.network_state(as_of=self.as_of, user=self.user)

    @cached_property
    def summary(self) -> Any:
        return services.network_summary(as_of=self.as_of, user=self.user, state=self.state)

    @cached_property
    def areas(self) -> Any:
        return services.area_office_counts(as_of=self.as_of, user=self.user, state=self.state)


class NetworkListView(ObjectListView):
    template_name = "network/object_list.html"
    filter_fields: tuple[str, ...] = ("q", "country", "region")


class OfficeListView(NetworkListView):
    """Offices, filterable by a search, country, region, area office and kind; as CSV too."""

    queryset = Office.objects.select_related("country", "area_office")
    table = OfficeTable
    filterset = OfficeFilterSet
    filter_fields = (*NetworkListView.filter_fields, "area_office", "kind")
    filename = "offices"


class PointListView(NetworkListView):
    """Biometric collection points, filterable by a search, country, region and status."""

    queryset = BiometricCollectionPoint.objects.select_related("country")
    table = PointTable
    filterset = PointFilterSet
    filter_fields = (*NetworkListView.filter_fields, "status")
    filename = "biometric-collection-points"


class AreaOfficeDetailView(ObjectDetailView):
    """One area office: the offices it is responsible for on a date and the countries they
    serve."""

    queryset = AreaOffice.objects.select_related("office")
    lookup_field = "slug"
    template_name = "network/area_office_detail.html"
    context_object_name = "area_office"

    def extra_context(self, request: HttpRequest, area_office: Any) -> dict[str, Any]:
        form, as_of = _as_of(request)
        [counts] = [
            c
            for c in services.area_office_counts(as_of=as_of, user=request.user)  # type: ignore[arg-type]
            if c.area_office.pk == area_office.pk
        ]
        jurisdictions = Jurisdiction.objects.filter(
            office__area_office=area_office, office__in=Office.objects.all()
        ).select_related("country", "office")
        return {
            "counts": counts,
            "form": form,
            "as_of": as_of,
            "jurisdictions": sorted(jurisdictions, key=lambda j: fold(j.country.name)),
        }


class OfficeDetailView(ObjectDetailView):
    """One office: where it is, its area office, its staffing history, the countries it
    serves."""

    queryset = Office.objects.select_related("country", "area_office")
    lookup_field = "code"
    template_name = "network/office_detail.html"
    context_object_name = "office"

    def extra_context(self, request: HttpRequest, office: Any) -> dict[str, Any]:
        jurisdictions = Jurisdiction.objects.filter(office=office).select_related("country")
        return {
            "area_office": office.area_office,
            "hosted": AreaOffice.objects.filter(office=office).first(),
            "staffing": StaffingSnapshot.objects.filter(office=office).order_by("-as_of"),
            "jurisdictions": sorted(jurisdictions, key=lambda j: fold(j.country.name)),
        }


class PointDetailView(ObjectDetailView):
    """One biometric collection point, and the office that serves its country."""

    queryset = BiometricCollectionPoint.objects.select_related("country")
    lookup_field = "code"
    template_name = "network/point_detail.html"
    context_object_name = "point"

    def extra_context(self, request: HttpRequest, point: Any) -> dict[str, Any]:
        jurisdictions = Jurisdiction.objects.filter(
            country=point.country, office__in=Office.objects.all()
        ).select_related("office")
        return {
            "services": [
                label
                for value, label in BiometricCollectionPoint.Service.choices
                if value in point.services
            ],
            "jurisdictions": _serving(jurisdictions),
        }


def _serving(jurisdictions: QuerySet[Jurisdiction]) -> list[dict[str, Any]]:
    """Each serving office with its area office."""
    return [{"office": j.office, "area_office": j.office.area_office} for j in jurisdictions]


class NetworkEditView(ObjectEditView):
    template_name = "network/object_edit.html"


class OfficeEditView(NetworkEditView):
    queryset = Office.objects.all()
    lookup_field = "code"
    form = OfficeForm


class PointEditView(NetworkEditView):
    queryset = BiometricCollectionPoint.objects.all()
    lookup_field = "code"
    form = PointForm


class AreaOfficeEditView(NetworkEditView):
    queryset = AreaOffice.objects.all()
    lookup_field = "slug"
    form = AreaOfficeForm


class NetworkImportView(ObjectImportView):
    """Upload a CSV of offices, points or staffing: all rows written, or none and every rejected
    row shown. For administrators and network managers."""

    importer = importers.NETWORK
    form = ImportForm
    template_name = "network/import.html"
    permissions = IMPORT_PERMISSIONS
    job_kind = "network.import"


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's network section: offices and points in the country, and the office
    (with its area office) that serves it; nothing when there is none the user may see."""
    offices = Office.objects.filter(country=country)
    points = BiometricCollectionPoint.objects.filter(country=country)
    jurisdictions = Jurisdiction.objects.filter(
        country=country, office__in=Office.objects.all()
    ).select_related("office")
    serving = _serving(jurisdictions)
    if not (serving or offices.exists() or points.exists()):
        return None
    return "network/country_panel.html", {
        "offices": offices,
        "points": points,
        "jurisdictions": serving,
        "shown": [offices, points, jurisdictions],
    }
