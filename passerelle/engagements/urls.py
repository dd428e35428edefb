from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.engagements.views import followups, imports, irritants, pages

app_name = "engagements"

urlpatterns = [
    path("", pages.index, name="index"),
    # The engagements' list is at list/, the index being the app's address.
    path("list/", pages.EngagementListView.as_view(), name="engagement_list"),
    *object_routes(
        "",
        "engagement",
        pages.EngagementDetailView,
        pages.EngagementEditView,
    ),
    *object_routes(
        "follow-ups/",
        "follow_up",
        followups.FollowUpListView,
        followups.FollowUpDetailView,
        followups.FollowUpEditView,
    ),
    path("follow-ups/<int:pk>/done/", followups.follow_up_done, name="follow_up_done"),
    *object_routes(
        "commitments/",
        "commitment",
        followups.CommitmentListView,
        followups.CommitmentDetailView,
        followups.CommitmentEditView,
    ),
    *object_routes(
        "irritants/",
        "irritant",
        irritants.IrritantListView,
        irritants.IrritantDetailView,
        irritants.IrritantEditView,
    ),
    *imports.urlpatterns,
]
