"""What every app's filters share."""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.fields import ChoiceField

from passerelle.core.forms import choice_label
from passerelle.core.models import ChangeRecord


def visible(model: Any) -> Callable[[HttpRequest | None], QuerySet[Any]]:
    """The choices of a filter on `model`: only the records the user may see, so a filter
    reveals nothing above their clearance."""

    def queryset(request: HttpRequest | None) -> QuerySet[Any]:
        return model.objects.restrict(getattr(request, "user", None), "view")

    return queryset


class FilterSet(filters.FilterSet):
    """The base of every list's filters. A filter set declares, beside its filters, what its form
    says: `hints` under a field, `empty_labels` for a choice left open ("All types"), and
    `messages` for a choice not in the list; the list page renders the form from it
    (core/templatetags/gcds.py) and its error summary from the same messages."""

    hints: ClassVar[dict[str, Any]] = {}
    empty_labels: ClassVar[dict[str, Any]] = {}
    messages: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            if isinstance(field, ModelChoiceField):  # records named as the reader reads
                field.label_from_instance = choice_label  # type: ignore[method-assign,assignment]
            if name in self.hints:
                field.help_text = self.hints[name]
            if hasattr(field, "empty_label"):
                field.empty_label = self.empty_labels.get(name, _("All"))
            if name in self.messages:
                field.error_messages["invalid_choice"] = self.messages[name]


class WordFilter(filters.CharFilter):
    """What a reader types, looked for in several fields: a record matches when any of
    `lookups` does (a bare field name is looked in ignoring case: `name_en` is
    `name_en__icontains`; `acronym_en__iexact` says otherwise). A blank filters nothing.

        q = WordFilter(label=_("Name"), lookups=("code", "name_en", "name_fr"))
    """

    def __init__(self, *args: Any, lookups: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lookups = tuple(name if "__" in name else f"{name}__icontains" for name in lookups)

    def filter(self, qs: Any, value: Any) -> Any:
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(reduce(operator.or_, (Q(**{lookup: value}) for lookup in self.lookups)))


class OpenChoiceField(ChoiceField):
    """A select whose choices are those the reader may see, taking any value: one they may not
    see (or no longer exists) filters to nothing rather than being refused, as the API's plain
    filters always did."""

    def valid_value(self, value: Any) -> bool:
        return True


class OpenChoiceFilter(filters.ChoiceFilter):
    field_class = OpenChoiceField


class ChangeRecordFilterSet(FilterSet):
    """By write path, action, kind of record and user (the list page's; their choices those of
    the records the reader may see), and for the API by record, request or run and user name."""

    actor = OpenChoiceFilter(label=_("Write path"))
    action = filters.ChoiceFilter(label=_("Action"), choices=ChangeRecord.Action.choices)
    model = OpenChoiceFilter(label=_("Kind of record"), method="filter_model")
    user = OpenChoiceFilter(label=_("User"), field_name="user_name")
    object_id = filters.CharFilter(label=_("Record identifier"))
    request_id = filters.UUIDFilter(label=_("Request or run identifier"))
    user_name = filters.CharFilter(label=_("User"))

    empty_labels = {name: _("Any") for name in ("actor", "action", "model", "user")}

    class Meta:
        model = ChangeRecord
        fields = ("actor", "action", "model", "user", "object_id", "request_id", "user_name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = self.queryset
        fields = self.form.fields
        fields["actor"].choices = _distinct(visible, "actor")
        fields["user"].choices = _distinct(visible.exclude(user_name=""), "user_name")
        fields["model"].choices = _kinds(visible)

    def filter_model(
        self, queryset: QuerySet[ChangeRecord], name: str, value: str
    ) -> QuerySet[ChangeRecord]:
        app_label, _dot, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


def _distinct(records: QuerySet[ChangeRecord], field: str) -> list[tuple[str, str]]:
    values = records.order_by(field).values_list(field, flat=True).distinct()
    return [(value, value) for value in values]


def _kinds(records: QuerySet[ChangeRecord]) -> list[tuple[str, str]]:
    """Each kind of record the reader's changes name, by its label."""
    kinds = []
    for content_type in ContentType.objects.filter(pk__in=records.values("content_type")):
        model = content_type.model_class()
        label = str(model._meta.verbose_name).capitalize() if model else content_type.model
        kinds.append((f"{content_type.app_label}.{content_type.model}", label))
    return sorted(kinds, key=lambda kind: kind[1])
