"""The one place where what a user may see is decided (NetBox's RestrictedQuerySet)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from passerelle.core.models import User

ACTIONS = ("view", "add", "change", "delete")

_M = TypeVar("_M", bound=models.Model)


def permission_name(model: type[models.Model], action: str) -> str:
    """`app_label.action_modelname`, the permission Django creates for each model."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset that knows how to cut itself down to what one user may do.

    `restrict(user, action)` keeps nothing unless the user's role grants the model permission for
    the action, and, for classified models, keeps only records at or below the user's clearance.
    Clearance applies to superusers too: a role never lifts a clearance.
    """

    def restrict(
        self, user: User | AnonymousUser | None, action: str = "view"
    ) -> RestrictedQuerySet[_M]:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if not user.has_perm(permission_name(self.model, action)):
            return self.none()
        return self.within_clearance(user.clearance)

    def within_clearance(self, clearance: int) -> RestrictedQuerySet[_M]:
        """Records at or below `clearance` (all of them for an unclassified model)."""
        if _is_classified(self.model):
            return self.filter(classification__lte=clearance)
        return self


def _is_classified(model: type[Any]) -> bool:
    return any(field.name == "classification" for field in model._meta.concrete_fields)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
