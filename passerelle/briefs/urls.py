from django.urls import path

from passerelle.briefs import views

app_name = "briefs"
urlpatterns = [
    path("", views.index, name="index"),
    path("editions/<int:pk>/", views.edition, name="edition"),
    path("<str:kind>/", views.brief, name="brief"),
    path("<str:kind>/notes/", views.add_note, name="add_note"),
    path("<str:kind>/release/", views.release, name="release"),
    path("<str:kind>/<str:subject>/", views.brief, name="brief"),
    path("<str:kind>/<str:subject>/notes/", views.add_note, name="add_note"),
    path("<str:kind>/<str:subject>/release/", views.release, name="release"),
]
