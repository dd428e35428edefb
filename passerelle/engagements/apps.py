from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "passerelle.engagements"
    label = "engagements"
    verbose_name = _("Engagements")

    def ready(self) -> None:
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.engagements.reference import load_engagements
        from passerelle.geo.panels import register_country_panel
        from passerelle.web.navigation import NavEntry, register

        register(
            NavEntry(
                "engagements",
                _("Engagements"),
                "engagements:index",
                "engagements.view_engagement",
            )
        )
        register_app_loader("engagements", load_engagements)
        register_country_panel("engagements", "passerelle.engagements.views.pages.country_panel")
