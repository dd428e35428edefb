from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.pathways import briefpages, views

app_name = "pathways"

urlpatterns = [
    *object_routes("events/", "event", *views.EVENT_VIEWS),
    *object_routes("commitments/", "commitment", *views.COMMITMENT_VIEWS),
    *object_routes("progress/", "progress", *views.PROGRESS_VIEWS),
    path("<slug:slug>/brief/", briefpages.pathway_brief, name="pathway_brief"),
    *object_routes(
        "",
        "pathway",
        views.PathwayListView,
        views.PathwayDetailView,
        views.PathwayEditView,
    ),
]
