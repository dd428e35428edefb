from passerelle.core.views.routes import object_routes
from passerelle.geo import views

app_name = "geo"
urlpatterns = object_routes(
    "",
    "country",
    views.CountryListView,
    views.CountryDetailView,
    history=True,
    lookup="<str:iso_alpha3>",
)
