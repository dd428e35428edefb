from django.urls import path

from passerelle.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("import/", views.UploadView.as_view(), name="upload"),
    path("runs/", views.runs, name="runs"),
]
