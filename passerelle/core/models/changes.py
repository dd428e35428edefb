"""The change log: who changed what, when, from what to what. Nothing in the product edits it."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.querysets import RestrictedQuerySet


class ChangeRecordIsImmutable(Exception):
    """Raised on any attempt to edit or delete a change record."""


class ImmutableQuerySet(models.QuerySet["ChangeRecord"]):
    """Change records are never edited nor deleted, by any queryset."""

    def update(self, **kwargs):
        raise ChangeRecordIsImmutable("change records cannot be edited")

    def delete(self):
        raise ChangeRecordIsImmutable("change records cannot be deleted")


class ChangeRecordQuerySet(RestrictedQuerySet["ChangeRecord"]):
    def update(self, **kwargs):
        raise ChangeRecordIsImmutable("change records cannot be edited")

    def delete(self):
        raise ChangeRecordIsImmutable("change records cannot be deleted")


class ChangeRecord(models.Model):
    """One create, update or delete of one record, from any write path."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint: the record outlives the user account it names.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    actor = models.CharField(
        _("actor"), max_length=100, help_text=_("The write path: web, api, or command:NAME.")
    )
    request_id = models.UUIDField(_("request or run id"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300)
    classification = models.PositiveSmallIntegerField(
        _("classification"), choices=Classification.choices, default=Classification.UNCLASSIFIED
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = ChangeRecordQuerySet.as_manager()
    # Django's own reads and writes (refresh, cascades) go through the base manager: an
    # unrestricted one, immutable too, so no queryset anywhere edits or deletes the log.
    every = models.Manager.from_queryset(ImmutableQuerySet)()

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        default_permissions = ("view",)
        base_manager_name = "every"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ChangeRecordIsImmutable("change records cannot be edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ChangeRecordIsImmutable("change records cannot be deleted")

    def changed_fields(self) -> list[str]:
        """The names of the fields whose value differs between before and after."""
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
