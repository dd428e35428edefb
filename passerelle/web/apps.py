from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class StaticFiles(StaticFilesConfig):
    """Django's static files, without ReDoc: drf-spectacular-sidecar ships it beside Swagger UI,
    which the API page uses; ReDoc is never served, and compressing it took a quarter of
    collectstatic's time (`make run`, `make test`)."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "redoc"]


class WebConfig(AppConfig):
    name = "passerelle.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from passerelle.web.search import register_searchables

        register_searchables()
