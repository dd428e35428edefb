"""Sign-in through the department's identity provider (OpenID Connect, mozilla-django-oidc).

The provider says who someone is and which of its groups they belong to; Passerelle decides the
rest. A person is found by the provider's subject (`sub`), created at their first sign-in with no
role beyond what their groups map to (`RoleMapping`, kept by administrators) and the lowest
clearance; at every sign-in their names, e-mail and roles are brought up to date. Their clearance
is never read from the provider: it is what an administrator recorded in Passerelle
(docs/sign-in.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from passerelle.core.changelog import change_context
from passerelle.core.classification import Classification
from passerelle.core.models import RoleMapping, User
from passerelle.core.roles import ROLES

ACTOR = "sign-in:oidc"


def mapped_roles(groups: Iterable[str]) -> set[str]:
    """The roles the provider's `groups` give, as administrators mapped them."""
    names = {str(group) for group in groups}
    return set(
        RoleMapping.objects.filter(provider_group__in=names, role__in=ROLES).values_list(
            "role", flat=True
        )
    )


def set_roles(user: User, roles: set[str]) -> None:
    """Give `user` exactly `roles` among Passerelle's roles (other groups are left alone)."""
    current = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if current == roles:
        return
    if current - roles:
        user.groups.remove(*Group.objects.filter(name__in=current - roles))
    if roles - current:
        user.groups.add(*Group.objects.filter(name__in=roles - current))


def _groups_claim(claims: dict[str, Any]) -> list[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def _username(claims: dict[str, Any]) -> str:
    """The provider's preferred name for the person (else their e-mail, else the subject), made
    unique among Passerelle's accounts."""
    base = str(claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class PasserelleOIDCBackend(OIDCAuthenticationBackend):
    """Finds the person by subject; keeps their names, e-mail and roles in step with the
    provider; leaves their clearance as Passerelle recorded it (the lowest for a newcomer)."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(identity_subject=str(claims.get("sub") or ""))

    def create_user(self, claims: dict[str, Any]) -> User:
        with transaction.atomic(), change_context(actor=ACTOR):
            user = User(
                username=_username(claims),
                identity_subject=str(claims["sub"]),
                clearance=Classification.UNCLASSIFIED,
            )
            user.set_unusable_password()
            self._copy_claims(user, claims)
            user.save()
            set_roles(user, mapped_roles(_groups_claim(claims)))
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        with transaction.atomic(), change_context(actor=ACTOR, user=user):
            before = (user.first_name, user.last_name, user.email)
            self._copy_claims(user, claims)
            if (user.first_name, user.last_name, user.email) != before:
                user.save(update_fields=["first_name", "last_name", "email", "version"])
            set_roles(user, mapped_roles(_groups_claim(claims)))
        return user

    @staticmethod
    def _copy_claims(user: User, claims: dict[str, Any]) -> None:
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends people back. A refused or failed sign-in (an account that is
    not active, a provider error) goes back to the sign-in page, which says so."""

    @property
    def failure_url(self) -> str:
        return reverse("web:login") + "?provider=failed"


def provider_logout_url(request: HttpRequest) -> str:
    """Where sign-out sends a person who signed in through the provider: its end-session
    endpoint, so the provider's session ends too ("" for a local account, or when the provider
    has none). Read before the session is flushed."""
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_ENABLED and endpoint and id_token):
        return ""
    query = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(
            settings.OIDC_POST_LOGOUT_REDIRECT_PATH
        ),
    }
    return f"{endpoint}?{urlencode(query)}"
