from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "passerelle.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from passerelle.geo.panels import register_country_panel
        from passerelle.indicators.views import country_panel
        from passerelle.web.navigation import NavEntry, register

        register(
            NavEntry(
                "indicators", _("Indicators"), "indicators:explorer", "indicators.view_indicator"
            )
        )
        register_country_panel("indicators", country_panel)
        from passerelle.indicators.brief import register_sections

        register_sections()
