from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    *object_routes(
        "forums/", "forum", views.ForumListView, views.ForumDetailView, views.ForumEditView
    ),
    *object_routes(
        "organizations/",
        "organization",
        views.OrganizationListView,
        views.OrganizationDetailView,
        views.OrganizationEditView,
    ),
    *object_routes(
        "frameworks/",
        "framework",
        views.FrameworkListView,
        views.FrameworkDetailView,
        views.FrameworkEditView,
    ),
    *object_routes(
        "people/titles/",
        "appointment",
        views.AppointmentListView,
        views.AppointmentDetailView,
        views.AppointmentEditView,
    ),
    *object_routes(
        "people/", "person", views.PersonListView, views.PersonDetailView, views.PersonEditView
    ),
]
