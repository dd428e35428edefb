from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.network.views import coverage, map, registry

app_name = "network"
urlpatterns = [
    path("", registry.overview, name="overview"),
    *object_routes(
        "area-offices/", "area_office", registry.AreaOfficeDetailView, registry.AreaOfficeEditView
    ),
    *object_routes(
        "offices/",
        "office",
        registry.OfficeListView,
        registry.OfficeDetailView,
        registry.OfficeEditView,
    ),
    *object_routes(
        "points/", "point", registry.PointListView, registry.PointDetailView, registry.PointEditView
    ),
    path("import/", registry.NetworkImportView.as_view(), name="import"),
    path("map/", map.map_page, name="map"),
    path("map.svg", map.map_svg, name="map_svg"),
    path("coverage/", coverage.coverage_page, name="coverage"),
    path("nearest/", coverage.nearest_page, name="nearest"),
]
