from passerelle.core.views.routes import object_routes
from passerelle.geo import views

app_name = "geo"
urlpatterns = object_routes(
    "",
    "country",
    lookup="<str:iso_alpha3>",
    list=views.CountryListView,
    detail=views.CountryDetailView,
    history=True,
)
