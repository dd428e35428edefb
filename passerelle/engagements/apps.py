from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "passerelle.engagements"
    label = "engagements"
    verbose_name = _("Engagements")

    def ready(self) -> None:
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.panels import home_panels
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.engagements.reference import load_engagements
        from passerelle.engagements.search import register_searchables
        from passerelle.geo.panels import register_country_panel

        register(
            NavEntry(
                "engagements",
                _("Engagements"),
                "engagements:index",
                "engagements.view_engagement",
            )
        )
        register_app_loader("engagements", load_engagements)
        register_searchables()
        register_country_panel(
            "engagements", "passerelle.engagements.views.pages.country_panel", cached=True
        )
        home_panels.register(
            "engagements", "passerelle.engagements.panels.home_panel", order=20, cached=True
        )
