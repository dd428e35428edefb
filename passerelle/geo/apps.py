from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "passerelle.geo"
    label = "geo"
    verbose_name = _("Countries and regions")

    def ready(self) -> None:
        from passerelle.geo.search import register_searchables

        register_searchables()
