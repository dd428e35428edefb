"""Behaviour composed from small mixins; a domain model inherits `PasserelleModel`."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.querysets import RestrictedManager


def in_active_language(english: str, french: str) -> str:
    """The French in French (the English when the French is empty), else the English."""
    return (french if get_language() == "fr" else "") or english


class TimestampedModel(models.Model):
    """When the record was created and last changed (UTC)."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True


class ClassifiedModel(models.Model):
    """A record with a security classification; users below it never see it."""

    classification = models.PositiveSmallIntegerField(
        _("classification"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
        db_index=True,
    )

    class Meta:
        abstract = True


class ProvenanceModel(models.Model):
    """A record whose figures come from somewhere: citations, and an illustrative flag for data
    made up to exercise the system (shown as such on every page and document)."""

    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up to exercise the system; not a real figure."),
    )
    citations = GenericRelation("core.Citation")

    class Meta:
        abstract = True


class ChangeLoggedModel(models.Model):
    """A record whose every create, update and delete writes a ChangeRecord (see changelog.py)."""

    class Meta:
        abstract = True


class PasserelleModel(TimestampedModel, ClassifiedModel, ProvenanceModel, ChangeLoggedModel):
    """The base of every domain record: timestamps, classification, provenance, change log, and
    the restricted manager."""

    objects = RestrictedManager()

    class Meta:
        abstract = True
