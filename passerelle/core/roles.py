"""Roles are groups with permissions, declared here and kept in step after every migration.

A role grants actions on models; a user's clearance, separately, caps the records they see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The apps whose records Passerelle owns; every role may view them.
DOMAIN_APPS = (
    "core",
    "geo",
    "partners",
    "engagements",
    "network",
    "programs",
    "pathways",
    "indicators",
    "operations",
    "briefs",
)
# Readable by administrators only.
ADMIN_ONLY_VIEW = {"core.user", "core.rolemapping", "core.changerecord"}


@dataclass(frozen=True)
class Role:
    """A named set of permissions. `edits` holds `app_label.model` or `app_label.*` patterns."""

    name: str
    label: Promise
    description: Promise
    edits: frozenset[str] = field(default_factory=frozenset)
    sees_change_log: bool = False
    administers: bool = False

    def grants(self, permission: Permission) -> bool:
        app, model = permission.content_type.app_label, permission.content_type.model
        action = permission.codename.split("_", 1)[0]
        if self.administers:
            return True
        if app not in DOMAIN_APPS:
            return False
        dotted = f"{app}.{model}"
        if action == "view":
            return dotted not in ADMIN_ONLY_VIEW or (
                self.sees_change_log and dotted == "core.changerecord"
            )
        return dotted in self.edits or f"{app}.*" in self.edits


ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role("viewer", _("Viewer"), _("Reads every module within their clearance.")),
        Role(
            "analyst",
            _("Analyst"),
            _("Keeps partners, engagements, indicators, pathways and briefs."),
            edits=frozenset(
                {
                    "core.source",
                    "core.citation",
                    "core.fact",
                    "partners.*",
                    "engagements.*",
                    "indicators.*",
                    "pathways.*",
                    "briefs.*",
                }
            ),
            sees_change_log=True,
        ),
        Role(
            "program officer",
            _("Program officer"),
            _("Runs the capacity-building program: envelopes, projects, budgets, results."),
            edits=frozenset({"core.source", "core.citation", "programs.*"}),
            sees_change_log=True,
        ),
        Role(
            "coordinator",
            _("Coordinator"),
            _("Keeps the crisis-response measures: pathways, timelines, commitments, progress."),
            edits=frozenset({"core.source", "core.citation", "pathways.*"}),
            sees_change_log=True,
        ),
        Role(
            "network manager",
            _("Network manager"),
            _("Keeps the overseas network: offices, biometric collection points, staffing."),
            edits=frozenset({"core.source", "core.citation", "network.*"}),
        ),
        Role(
            "administrator",
            _("Administrator"),
            _("Manages users, roles, reference data and every record."),
            administers=True,
            sees_change_log=True,
        ),
    )
}


def sync_roles() -> None:
    """Create the role groups and give each exactly the permissions it grants."""
    permissions = list(Permission.objects.select_related("content_type"))
    for role in ROLES.values():
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.set([p for p in permissions if role.grants(p)])


def sync_roles_after_migrate(*, app_config: Any, **kwargs: Any) -> None:
    """After the last app's migrations, when every model's permissions exist."""
    from django.apps import apps

    if app_config is list(apps.get_app_configs())[-1]:
        sync_roles()
