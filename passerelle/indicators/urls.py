from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("import/", views.UploadView.as_view(), name="upload"),
    *object_routes("runs/", "run", views.ImportRunListView, views.ImportRunDetailView),
]
