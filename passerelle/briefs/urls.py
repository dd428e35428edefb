from django.urls import path

from passerelle.briefs import views
from passerelle.briefs.briefing.urls import urlpatterns as briefing

app_name = "briefs"
urlpatterns = [
    path("", views.index, name="index"),
    *briefing,
    path("editions/<int:pk>/", views.edition, name="edition"),
    path("<briefkind:kind>/", views.brief, name="brief"),
    path("<briefkind:kind>/notes/", views.add_note, name="add_note"),
    path("<briefkind:kind>/document/", views.document, name="document"),
    path("<briefkind:kind>/release/", views.release, name="release"),
    path("<briefkind:kind>/<str:subject>/", views.brief, name="brief"),
    path("<briefkind:kind>/<str:subject>/notes/", views.add_note, name="add_note"),
    path("<briefkind:kind>/<str:subject>/document/", views.document, name="document"),
    path("<briefkind:kind>/<str:subject>/release/", views.release, name="release"),
]
