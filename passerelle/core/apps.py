from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "passerelle.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from passerelle.core import changelog, guards, roles, writes
        from passerelle.core.search.models import SearchEntry  # noqa: F401  (the index's model)

        guards.install_guards()
        writes.connect()
        changelog.connect()
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="sync_roles")
        from passerelle.core.middleware import IdleSessionMiddleware

        user_logged_in.connect(IdleSessionMiddleware.signed_in, dispatch_uid="idle_session")
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")  # each app's kinds of background job (core/jobs/)
        from passerelle.core.navigation import NavEntry, register

        register(NavEntry("jobs", _("My jobs"), "jobs:job_list", "core.view_job"))
