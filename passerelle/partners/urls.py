from django.urls import path

from passerelle.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    path("forums/", views.forum_list, name="forum_list"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum_detail"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework_detail"),
]
