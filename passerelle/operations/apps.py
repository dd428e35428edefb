from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "passerelle.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from passerelle.briefs.sections import register_country_section
        from passerelle.core.backup import register_store
        from passerelle.core.datacache import register_version
        from passerelle.core.navigation import NavEntry, register
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.operations.reference import load_operations

        register(
            NavEntry(
                "operations",
                _("Operations"),
                "operations:overview",
                "operations.view_irritantsignal",
            )
        )
        # by dotted paths: the libraries of the panel and the brief section (Ibis, statsmodels)
        # load with the first page or brief that needs them, not with every command
        register_country_panel("operations", "passerelle.operations.panel.country_panel")
        register_app_loader("operations", load_operations)
        register_store("operations", _store_root)
        register_version(_store_generation)  # pages kept until the next write or generation
        register_country_section(
            "operations", "passerelle.operations.brief.country_section", order=90
        )

        from passerelle.operations.search import register_searchables

        register_searchables()


def _store_root() -> Path:
    """The operations store's folder, for backups (the store module imports DuckDB: on use)."""
    from passerelle.operations.store import root

    return root()


def _store_generation() -> str:
    """The store's generation, for what pages keep (core/datacache.py); imported on use."""
    from passerelle.operations.cache import generation

    return generation()
