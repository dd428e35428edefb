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
        detail=pages.EngagementDetailView,
        edit=pages.EngagementEditView,
        delete=pages.EngagementDeleteView,
        history=pages.EngagementHistoryView,
    ),
    *object_routes(
        "follow-ups/",
        "follow_up",
        list=followups.FollowUpListView,
        detail=followups.FollowUpDetailView,
        edit=followups.FollowUpEditView,
        delete=followups.FollowUpDeleteView,
        history=followups.FollowUpHistoryView,
    ),
    path("follow-ups/<int:pk>/done/", followups.follow_up_done, name="follow_up_done"),
    *object_routes(
        "commitments/",
        "commitment",
        list=followups.CommitmentListView,
        detail=followups.CommitmentDetailView,
        edit=followups.CommitmentEditView,
        delete=followups.CommitmentDeleteView,
        history=followups.CommitmentHistoryView,
    ),
    *object_routes(
        "irritants/",
        "irritant",
        list=irritants.IrritantListView,
        detail=irritants.IrritantDetailView,
        edit=irritants.IrritantEditView,
        delete=irritants.IrritantDeleteView,
        history=irritants.IrritantHistoryView,
    ),
    *imports.urlpatterns,
]
