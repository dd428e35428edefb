from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.operations.views import compliance, explorer, signals, standards, store

app_name = "operations"
urlpatterns = [
    path("", explorer.explorer, name="overview"),
    path("disparity/", explorer.disparity_view, name="disparity"),
    *object_routes("signals/", "signal", signals.SignalListView, signals.SignalDetailView),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("store/", store.store_view, name="store"),
    *object_routes(
        "standards/",
        "standard",
        standards.StandardListView,
        standards.StandardDetailView,
        standards.StandardEditView,
    ),
]
