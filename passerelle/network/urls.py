from django.urls import path

from passerelle.network.views import coverage, map, registry

app_name = "network"
urlpatterns = [
    path("", registry.overview, name="overview"),
    path("area-offices/<slug:slug>/", registry.area_office_detail, name="area_office_detail"),
    path("offices/", registry.office_list, name="office_list"),
    path("offices/<slug:code>/", registry.office_detail, name="office_detail"),
    path("points/", registry.point_list, name="point_list"),
    path("points/<slug:code>/", registry.point_detail, name="point_detail"),
    path("import/", registry.import_csv, name="import"),
    path("map/", map.map_page, name="map"),
    path("map.svg", map.map_svg, name="map_svg"),
    path("coverage/", coverage.coverage_page, name="coverage"),
    path("nearest/", coverage.nearest_page, name="nearest"),
]
