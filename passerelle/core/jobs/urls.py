from django.urls import path

from passerelle.core.jobs import views
from passerelle.core.views.routes import object_routes

app_name = "jobs"

urlpatterns = [
    *object_routes("", "job", views.JobListView, views.JobDetailView),
    path("<int:pk>/cancel/", views.cancel, name="job_cancel"),
    path("<int:pk>/retry/", views.retry, name="job_retry"),
    path("<int:pk>/result/", views.result, name="job_result"),
]
