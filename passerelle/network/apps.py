from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "passerelle.network"
    label = "network"
    verbose_name = _("Overseas network")

    def ready(self) -> None:
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.network.reference import load_network

        register(NavEntry("network", _("Network"), "network:overview", "network.view_office"))
        register_app_loader("network", load_network)
        register_country_panel(
            "network", "passerelle.network.views.registry.country_panel", cached=True
        )

        from passerelle.network.search import register_searchables

        register_searchables()
