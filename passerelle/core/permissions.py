"""API permission classes (kept apart from api.py: DRF imports them while it loads)."""

from rest_framework import permissions

ACTION_BY_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RestrictedModelPermissions(permissions.DjangoModelPermissions):
    """Model permissions for every method, reads included (a viewer role grants `view`)."""

    perms_map = {
        method: [f"%(app_label)s.{action}_%(model_name)s"]
        for method, action in ACTION_BY_METHOD.items()
    }
