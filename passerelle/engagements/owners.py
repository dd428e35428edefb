"""The units that own follow-ups: a controlled vocabulary kept in English in the records (as the
binder names them) and shown in the reader's language. An owner outside the vocabulary (a
person's name) is shown as written."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OWNERS: dict[str, Promise] = {
    "International Affairs Branch": _("International Affairs Branch"),
    "Bilateral and Regional Affairs": _("Bilateral and Regional Affairs"),
    "Multilateral Affairs": _("Multilateral Affairs"),
    "Migration Program Manager abroad": _("Migration Program Manager abroad"),
    "Asylum Policy": _("Asylum Policy"),
    "Global Affairs Canada": _("Global Affairs Canada"),
}


def owner_label(owner: str) -> str:
    """The owner in the active language: the unit's translated name where it is one of the
    vocabulary's, else the owner as written."""
    label = OWNERS.get(owner.strip())
    return str(label) if label is not None else owner
