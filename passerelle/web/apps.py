from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "passerelle.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from passerelle.web.search import register_searchables

        register_searchables()
