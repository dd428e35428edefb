from django.urls import path

from passerelle.core.views.routes import object_routes
from passerelle.operations.views import compliance, explorer, signals, standards, store

app_name = "operations"
urlpatterns = [
    path("", explorer.explorer, name="overview"),
    path("disparity/", explorer.disparity_view, name="disparity"),
    path("signals/", signals.signal_list, name="signals"),
    path("signals/<int:pk>/", signals.signal_detail, name="signal_detail"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("store/", store.store_view, name="store"),
    *object_routes(
        "standards/",
        "standard",
        list=standards.StandardListView,
        detail=standards.StandardDetailView,
        edit=standards.StandardEditView,
        delete=True,
        history=True,
    ),
]
