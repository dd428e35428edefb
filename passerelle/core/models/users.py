"""Users of Passerelle, each with a security clearance."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification


class User(AbstractUser):
    """A person who signs in. Their clearance caps what they can see, whatever their role."""

    clearance = models.PositiveSmallIntegerField(
        _("clearance"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
        help_text=_("The highest classification of records this person may see."),
    )
    notice_acknowledged_at = models.DateTimeField(
        _("system-use notice last acknowledged"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def cleared_for(self, level: int) -> bool:
        """Whether this user may see a record at `level`."""
        return self.is_active and self.clearance >= level
