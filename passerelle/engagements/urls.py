from django.urls import path

from passerelle.engagements.views import imports, pages

app_name = "engagements"

urlpatterns = [path("", pages.index, name="index"), *pages.urlpatterns, *imports.urlpatterns]
