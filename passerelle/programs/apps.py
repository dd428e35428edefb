from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "passerelle.programs"
    label = "programs"
    verbose_name = _("Capacity building")

    def ready(self) -> None:
        from passerelle.briefs.sections import (
            register_country_section,
            register_forum_section,
            register_fundamental_section,
        )
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.partners.shared import register_shared
        from passerelle.programs.reference import load_programs
        from passerelle.programs.search import register_searchables

        register(
            NavEntry(
                "programs", _("Capacity building"), "programs:dashboard", "programs.view_project"
            )
        )
        register_app_loader("programs", load_programs)
        register_searchables()
        register_country_panel(
            "programs", "passerelle.programs.views.dashboard.country_panel", cached=True
        )
        register_shared("initiatives", "passerelle.programs.services.shared_initiatives", order=30)
        # The Fundamental Brief's capacity-building part (order 80, between multilateral and
        # diplomacy), from this app's records; the country brief's projects.
        register_fundamental_section(
            "capacity-building", "passerelle.programs.brief.capacity_building", order=80
        )
        register_country_section(
            "capacity-building-projects", "passerelle.programs.brief.country_projects", order=75
        )
        register_forum_section("initiative", "passerelle.programs.brief.forum_initiative", order=50)
