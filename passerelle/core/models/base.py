"""Behaviour composed from small mixins; a domain model inherits `PasserelleModel`."""

from datetime import date
from typing import Any, overload

from concurrency.fields import AutoIncVersionField
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core.classification import Classification
from passerelle.core.querysets import RestrictedManager
from passerelle.core.reader import as_system, current_reader
from passerelle.core.text import in_language
from passerelle.core.visibility import sees_all_of


def in_active_language(english: str, french: str) -> str:
    """The French in French (the English marked "[EN]" while the French is to be written), else
    the English."""
    return in_language(english, french, get_language() or "en")


class InActiveLanguage:
    """A text kept in both official languages, read in the active one: on a model with
    `title_en` and `title_fr`, `title = InActiveLanguage()` gives the French in French (the
    English marked "[EN]" while the French is to be written), else the English.
    `name = InActiveLanguage("title")` reads `title_en` and `title_fr` under another name."""

    def __init__(self, field: str = "") -> None:
        self.field = field

    def __set_name__(self, owner: type[Any], name: str) -> None:
        # The first name is the field's: an alias (`name = title`) reads the same text.
        field = self.field or getattr(self, "english", "").removesuffix("_en") or name
        self.english, self.french = f"{field}_en", f"{field}_fr"

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> "InActiveLanguage": ...
    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> str: ...
    def __get__(self, instance: object, owner: type[Any] | None = None) -> "str | InActiveLanguage":
        if instance is None:
            return self
        return in_active_language(getattr(instance, self.english), getattr(instance, self.french))


class BilingualNameMixin:
    """A record named in both official languages (`name_en`, `name_fr`)."""

    name_en: str
    name_fr: str
    name = InActiveLanguage()


class OccasionMixin:
    """Something that happens on a date, titled and placed in both official languages (an
    engagement, an event a principal attends): named by its date and English title in logs and
    the admin, offered in a form by its date and title in the reader's language, so that two
    occasions of the same title are told apart."""

    start_date: date
    title_en: str
    title_fr: str
    place_en: str
    place_fr: str

    def __str__(self) -> str:
        return f"{self.start_date} {self.title_en}"

    def choice_label(self) -> str:
        return f"{self.start_date} — {self.title}"

    title = InActiveLanguage()

    place = InActiveLanguage()


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


class VersionedModel(models.Model):
    """A record edited under an optimistic lock: every save increments `version`, and a save that
    started from an older version raises `concurrency.exceptions.RecordModifiedError`, so two
    concurrent edits never silently overwrite each other (django-concurrency). The API shows the
    version as the ETag; forms carry it in a hidden field."""

    version = AutoIncVersionField(_("version"), help_text=_("Incremented by every change."))

    class Meta:
        abstract = True


class RestrictedModel(models.Model):
    """A record read only through the restricted manager: a reader gets it, and the records it
    links to, only if they may see them (core/visibility.py). A subclass may declare
    `clearance_parents` (groups of optional links of which one, set, must be seen) and
    `clearance_codes` (fields holding another record's code, e.g. a country's alpha-3).

    Uniqueness is checked against every record, seen or not, with the same message either way:
    a value cannot be accepted on the strength of what the writer cannot see."""

    objects = RestrictedManager()

    class Meta:
        abstract = True

    def serializable_value(self, field_name: str) -> Any:
        # Serializers read a link's id here without the related record: a link the reader may
        # not see is withheld (None) as it is everywhere else.
        try:
            field = self._meta.get_field(field_name)
        except FieldDoesNotExist:
            return getattr(self, field_name)
        if field.concrete and (field.many_to_one or field.one_to_one):
            target: Any = field.related_model
            if sees_all_of(target, current_reader()):
                return getattr(self, field.attname)
            related = getattr(self, field.name)
            return None if related is None else related.pk
        return super().serializable_value(field_name)

    def validate_unique(self, exclude: Any = None) -> None:
        with as_system():
            super().validate_unique(exclude)

    def validate_constraints(self, exclude: Any = None) -> None:
        with as_system():
            super().validate_constraints(exclude)


class PasserelleModel(
    TimestampedModel,
    ClassifiedModel,
    ProvenanceModel,
    ChangeLoggedModel,
    VersionedModel,
    RestrictedModel,
):
    """The base of every domain record: timestamps, classification, provenance, change log,
    optimistic locking, and the restricted manager."""

    class Meta:
        abstract = True
