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
        delete=views.ForumDeleteView,
        history=views.ForumHistoryView,
    ),
    *object_routes(
        "organizations/",
        "organization",
        lookup="<slug:slug>",
        list=views.OrganizationListView,
        detail=views.OrganizationDetailView,
        edit=views.OrganizationEditView,
        delete=views.OrganizationDeleteView,
        history=views.OrganizationHistoryView,
    ),
    *object_routes(
        "frameworks/",
        "framework",
        lookup="<slug:slug>",
        list=views.FrameworkListView,
        detail=views.FrameworkDetailView,
        edit=views.FrameworkEditView,
        delete=views.FrameworkDeleteView,
        history=views.FrameworkHistoryView,
    ),
]
