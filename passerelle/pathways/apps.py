from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "passerelle.pathways"
    label = "pathways"
    verbose_name = _("Crisis response")

    def ready(self) -> None:
        from passerelle.briefs.sections import (
            register_country_section,
            register_fundamental_section,
        )
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.pathways.documents import register_binder_parts
        from passerelle.pathways.reference import load_pathways
        from passerelle.pathways.search import register_searchables

        register(
            NavEntry(
                "pathways", _("Crisis response"), "pathways:pathway_list", "pathways.view_pathway"
            )
        )
        register_app_loader("pathways", load_pathways)
        register_searchables()
        register_country_panel("pathways", "passerelle.pathways.panel.country_panel", cached=True)
        # the measures replace the binder's facts in the briefs' crisis sections (same keys)
        register_fundamental_section(
            "crisis-measures", "passerelle.pathways.documents.fundamental_section", order=60
        )
        register_country_section(
            "crisis-measures", "passerelle.pathways.documents.country_section", order=60
        )
        register_binder_parts()
