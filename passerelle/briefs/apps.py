from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "passerelle.briefs"
    label = "briefs"
    verbose_name = _("Briefs")

    def ready(self) -> None:
        from django.urls import register_converter

        from passerelle.briefs import country, fundamental, notes
        from passerelle.briefs.converters import BriefKindConverter
        from passerelle.briefs.sections import register_country_section
        from passerelle.core.navigation import NavEntry, register

        register_converter(BriefKindConverter, "briefkind")  # before the URLs are read
        fundamental.register()
        country.register()
        register_country_section("talking-points", notes.country_talking_points, order=100)
        register(NavEntry("briefs", _("Briefs"), "briefs:index", "briefs.view_briefedition"))

        from passerelle.core.panels import home_panels

        home_panels.register(
            "briefing", "passerelle.briefs.briefing.panels.home_panel", order=40, cached=True
        )

        from passerelle.briefs.search import register_searchables

        register_searchables()

        from passerelle.briefs.binders.parts import register_builtin

        register_builtin()
