from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.network.views import coverage, map, registry

app_name = "network"
urlpatterns = [
    path("", registry.overview, name="overview"),
    *object_routes(
        "area-offices/",
        "area_office",
        lookup="<slug:slug>",
        detail=registry.AreaOfficeDetailView,
        edit=registry.AreaOfficeEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "offices/",
        "office",
        lookup="<slug:code>",
        list=registry.OfficeListView,
        detail=registry.OfficeDetailView,
        edit=registry.OfficeEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "points/",
        "point",
        lookup="<slug:code>",
        list=registry.PointListView,
        detail=registry.PointDetailView,
        edit=registry.PointEditView,
        delete=True,
        history=True,
    ),
    path("import/", registry.NetworkImportView.as_view(), name="import"),
    path("map/", map.map_page, name="map"),
    path("map.svg", map.map_svg, name="map_svg"),
    path("coverage/", coverage.coverage_page, name="coverage"),
    path("nearest/", coverage.nearest_page, name="nearest"),
]
