"""The briefing's addresses, under the briefs app's (briefs/urls.py includes them)."""

from django.urls import path

from passerelle.briefs.briefing import views
from passerelle.core.views.routes import object_routes

urlpatterns = [
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/list/", views.calendar_list, name="calendar_list"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("requests/<int:pk>/do/<slug:action>/", views.request_action, name="request_action"),
    *object_routes(
        "events/",
        "event",
        views.EventListView,
        views.EventDetailView,
        views.EventEditView,
        namespace="briefs",
    ),
    *object_routes(
        "requests/",
        "briefrequest",
        views.BriefRequestListView,
        views.BriefRequestDetailView,
        views.BriefRequestEditView,
        namespace="briefs",
    ),
    *object_routes(
        "approval-chains/",
        "approvalchain",
        views.ApprovalChainListView,
        views.ApprovalChainDetailView,
        views.ApprovalChainEditView,
        namespace="briefs",
    ),
]
