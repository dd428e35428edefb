from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "passerelle.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from passerelle.core.reference.loader import register_app_loader
        from passerelle.geo.panels import register_country_panel
        from passerelle.operations.panel import country_panel
        from passerelle.operations.reference import load_operations
        from passerelle.web.navigation import NavEntry, register

        register(
            NavEntry(
                "operations",
                _("Operations"),
                "operations:overview",
                "operations.view_irritantsignal",
            )
        )
        register_country_panel("operations", country_panel)
        register_app_loader("operations", load_operations)
        try:
            from passerelle.operations.brief import register_brief
        except ImportError:  # the briefs app is not there yet
            return
        register_brief()
