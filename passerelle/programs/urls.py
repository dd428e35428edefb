from django.urls import path

from passerelle.programs.views import dashboard, downloads, pages

app_name = "programs"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    *downloads.urlpatterns,
    *pages.urlpatterns,
]
