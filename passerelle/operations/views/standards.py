"""The service standards: their list (with each one's sources), one standard's page, and the
add, edit, delete and history pages administrators use — declared over the generic views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from passerelle.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from passerelle.operations import codes
from passerelle.operations.forms import StandardForm
from passerelle.operations.models import ServiceStandard
from passerelle.operations.tables import StandardTable


class StandardListView(ObjectListView):
    """Each program's standard, in the programs' own order."""

    queryset = ServiceStandard.objects.prefetch_related("citations__source")
    table = StandardTable
    template_name = "operations/standard_list.html"
    filename = "service-standards"

    def get_queryset(self, request: HttpRequest) -> Any:
        order = list(codes.PROGRAMS)
        return sorted(self.queryset.all(), key=lambda standard: order.index(standard.program))


class StandardDetailView(ObjectDetailView):
    queryset = ServiceStandard.objects.prefetch_related("citations__source")
    template_name = "operations/standard_detail.html"


class StandardEditView(ObjectEditView):
    queryset = ServiceStandard.objects.all()
    form = StandardForm
    template_name = "operations/standard_edit.html"

    def success_url(self, record: Any) -> str:
        return str(self.urls(self.request, None)["list_url"])
