"""The French still to write: every record the reader may see with a bilingual field whose French
is empty while its English is not. Pages and briefs show such a field's English marked "[EN]"
(core/text.py `in_language`); this list is where the people who write the French find them all.

A bilingual field is a pair of text fields `<name>_en` and `<name>_fr` on a restricted model, so a
new model is listed without registering it. The records are read through each model's restricted
manager, as the request's reader: the list holds only what they may see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Q

from passerelle.core.classification import Classification
from passerelle.core.models.base import RestrictedModel


@dataclass(frozen=True)
class TranslationGap:
    """One record's bilingual field with no French yet."""

    record: models.Model
    field: str  # the name without its suffix: "title" for title_en / title_fr

    @property
    def kind(self) -> str:
        return str(self.record._meta.verbose_name_plural).capitalize()

    @property
    def field_label(self) -> str:
        field = self.record._meta.get_field(f"{self.field}_fr")
        return str(getattr(field, "verbose_name", field.name))

    @property
    def english(self) -> str:
        return str(getattr(self.record, f"{self.field}_en"))

    @property
    def classification(self) -> int:
        return int(getattr(self.record, "classification", 0) or 0)

    @property
    def illustrative(self) -> bool:
        return bool(getattr(self.record, "illustrative", False))

    def get_classification_display(self) -> str:
        return str(Classification(self.classification).label)


def bilingual_fields(model: type[models.Model]) -> list[str]:
    """The names of `model`'s bilingual text fields (`title` for title_en and title_fr)."""
    text = (models.CharField, models.TextField)
    names = {f.name for f in model._meta.concrete_fields if isinstance(f, text)}
    stems = {name.removesuffix("_en") for name in names if name.endswith("_en")}
    return sorted(stem for stem in stems if f"{stem}_fr" in names)


def translatable_models() -> list[type[models.Model]]:
    """Every restricted model with a bilingual field, by kind."""
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, RestrictedModel) and bilingual_fields(model)
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


def translation_gaps() -> Iterator[TranslationGap]:
    """Every field to translate of every record the current reader may see, kind by kind."""
    for model in translatable_models():
        fields = bilingual_fields(model)
        missing = Q()
        for name in fields:
            missing |= Q(**{f"{name}_fr": ""}) & ~Q(**{f"{name}_en": ""})
        for record in model._default_manager.filter(missing).order_by("pk"):
            for name in fields:
                if getattr(record, f"{name}_en") and not getattr(record, f"{name}_fr"):
                    yield TranslationGap(record=record, field=name)
