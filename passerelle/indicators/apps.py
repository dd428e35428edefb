from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "passerelle.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from passerelle.briefs.sections import (
            register_country_section,
            register_fundamental_section,
        )
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.panels import home_panels
        from passerelle.geo.panels import register_country_panel

        register(
            NavEntry(
                "indicators", _("Indicators"), "indicators:explorer", "indicators.view_indicator"
            )
        )
        register_country_panel(
            "indicators", "passerelle.indicators.views.country_panel", cached=True
        )
        home_panels.register(
            "indicators", "passerelle.indicators.panels.home_panel", order=10, cached=True
        )
        # by dotted path: the sections' libraries (pandas, matplotlib) load with the first brief
        register_country_section(
            "indicators", "passerelle.indicators.brief.country_section", order=80
        )
        register_fundamental_section(
            "global-figures", "passerelle.indicators.brief.global_figures_section", order=25
        )

        from passerelle.indicators.search import register_searchables

        register_searchables()
