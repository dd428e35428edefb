from django.urls import path

from passerelle.programs.views import dashboard, downloads, pages, results

app_name = "programs"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("map.png", dashboard.projects_map, name="map"),
    path("projects/<int:pk>/results/", results.project_results, name="project_results"),
    *downloads.urlpatterns,
    *pages.urlpatterns,
]
