"""Users of Passerelle, each with a security clearance, and how the department's identity
provider's groups become roles (docs/sign-in.md)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.models.base import ChangeLoggedModel, TimestampedModel, VersionedModel


class User(VersionedModel, AbstractUser):
    """A person who signs in. Their clearance caps what they can see, whatever their role; it is
    recorded here, by an administrator, and never taken from the identity provider. Edits are
    under the optimistic lock (`version`) in the product's pages and the admin alike."""

    clearance = models.PositiveSmallIntegerField(
        _("clearance"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
        help_text=_("The highest classification of records this person may see."),
    )
    notice_acknowledged_at = models.DateTimeField(
        _("system-use notice last acknowledged"), null=True, blank=True
    )
    identity_subject = models.CharField(
        _("identity provider subject"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Who the department's identity provider says this person is (its `sub`)."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def cleared_for(self, level: int) -> bool:
        """Whether this user may see a record at `level`."""
        return self.is_active and self.clearance >= level


class RoleMapping(TimestampedModel, ChangeLoggedModel, VersionedModel):
    """A group of the identity provider's `groups` claim, and the role it gives in Passerelle.
    At every sign-in through the provider, a person's roles become exactly those their groups
    map to; their clearance is not touched."""

    provider_group = models.CharField(
        _("provider group"),
        max_length=255,
        unique=True,
        help_text=_("The group's name exactly as the identity provider sends it."),
        error_messages={"unique": _("This provider group already gives a role.")},
    )
    role = models.CharField(_("role"), max_length=40)

    class Meta:
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")
        ordering = ["provider_group"]

    def __str__(self) -> str:
        return self.provider_group

    @property
    def role_label(self) -> str:
        from passerelle.core.roles import ROLES

        role = ROLES.get(self.role)
        return str(role.label) if role else self.role
