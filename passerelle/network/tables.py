"""The network's tables: offices and biometric collection points, for the page and its CSV."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table
from passerelle.network.models import BiometricCollectionPoint, Office


class PlaceTable(Table):
    """What offices and points share: a name linking to its page, the city and the country."""

    name = LinkColumn(verbose_name=_("Name"), row=True, language_field="name")
    code = ExportColumn(verbose_name=_("Code"))
    city = ExportColumn(verbose_name=_("City"), visible=True, order_by=("city_en",))
    country = LinkColumn(verbose_name=_("Country"), order_by=("country__name_en",))
    latitude = ExportColumn(verbose_name=_("Latitude"))
    longitude = ExportColumn(verbose_name=_("Longitude"))
    opened = ExportColumn(verbose_name=_("Opened"))
    closed = ExportColumn(verbose_name=_("Closed"))
    fold_by = "name"

    class Meta(Table.Meta):
        fields = ()


class OfficeTable(PlaceTable):
    caption = _("Offices abroad")
    kind = ChoiceColumn(verbose_name=_("Kind"))
    area_office = LinkColumn(verbose_name=_("Area office"), orderable=False)

    class Meta(PlaceTable.Meta):
        model = Office
        sequence = ("name", "kind", "city", "country", "area_office", "...")


class PointTable(PlaceTable):
    caption = _("Biometric collection points")
    operator = ExportColumn(verbose_name=_("Operator"), visible=True)
    status = ChoiceColumn(verbose_name=_("Status"))
    services = ExportColumn(verbose_name=_("Services"))

    class Meta(PlaceTable.Meta):
        model = BiometricCollectionPoint
        sequence = ("name", "city", "country", "operator", "status", "...")

    def value_services(self, value: Any) -> str:
        return "; ".join(value or [])
