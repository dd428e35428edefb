"""Security classification of records and clearance of users (Government of Canada levels)."""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.IntegerChoices):
    """Ordered levels: a user cleared to a level sees records at that level and below."""

    UNCLASSIFIED = 0, _("Unclassified")
    PROTECTED_A = 1, _("Protected A")
    PROTECTED_B = 2, _("Protected B")


def highest(levels: Iterable[int | None]) -> Classification:
    """The highest of several classifications (Unclassified when there are none)."""
    return Classification(max((level for level in levels if level is not None), default=0))
