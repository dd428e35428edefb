from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    *object_routes(
        "forums/",
        "forum",
        lookup="<slug:slug>",
        list=views.ForumListView,
        detail=views.ForumDetailView,
        edit=views.ForumEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "organizations/",
        "organization",
        lookup="<slug:slug>",
        list=views.OrganizationListView,
        detail=views.OrganizationDetailView,
        edit=views.OrganizationEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "frameworks/",
        "framework",
        lookup="<slug:slug>",
        list=views.FrameworkListView,
        detail=views.FrameworkDetailView,
        edit=views.FrameworkEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "people/titles/",
        "appointment",
        list=views.AppointmentListView,
        detail=views.AppointmentDetailView,
        edit=views.AppointmentEditView,
        delete=True,
        history=True,
    ),
    *object_routes(
        "people/",
        "person",
        lookup="<slug:slug>",
        list=views.PersonListView,
        detail=views.PersonDetailView,
        edit=views.PersonEditView,
        delete=True,
        history=True,
    ),
]
