"""What every app's filters share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.core.forms import choice_label


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
