"""Sign-in by password, with each person's permissions kept between requests.

Django's `ModelBackend` reads a person's permissions from the database on every request (two
queries: their own and their groups'), then keeps them on the user object for that request only.
They change only when the person's roles (groups) change — a write to the person, which the change
log records and which moves the data version (core/datacache.py) — or when the roles' permissions
are set again after a migration (core/roles.py), which a new deployment's fresh processes follow.
So they are kept in the cache under the person and the data version.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from passerelle.core import datacache


class PasserelleModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            raw = f"{user_obj.pk}|{datacache.data_version()}"
            key = "permissions:" + hashlib.sha256(raw.encode()).hexdigest()
            kept = cache.get(key)
            if kept is None:
                kept = super().get_all_permissions(user_obj)
                cache.set(key, kept, datacache.TIMEOUT)
            user_obj._perm_cache = kept
        return user_obj._perm_cache
