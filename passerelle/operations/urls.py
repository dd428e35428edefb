from django.urls import path

from passerelle.operations.views import compliance, explorer, signals

app_name = "operations"
urlpatterns = [
    path("", explorer.explorer, name="overview"),
    path("disparity/", explorer.disparity_view, name="disparity"),
    path("signals/", signals.signal_list, name="signals"),
    path("signals/<int:pk>/", signals.signal_detail, name="signal_detail"),
    path("standards/", signals.standards, name="standards"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("standards/<int:pk>/", signals.standards, name="standard_edit"),
]
