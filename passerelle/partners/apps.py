from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "passerelle.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.partners.reference import load_partners
        from passerelle.partners.search import register_searchables

        register(NavEntry("partners", _("Partners"), "partners:index", "partners.view_forum"))
        register_app_loader("partners", load_partners)
        register_searchables()
        register_country_panel("partners", "passerelle.partners.views.country_panel", cached=True)
