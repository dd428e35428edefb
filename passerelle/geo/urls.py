from django.urls import path

from passerelle.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.country_list, name="country_list"),
    path("<str:iso_alpha3>/", views.country_detail, name="country_detail"),
]
