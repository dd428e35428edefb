"""Django form fields as GC Design System components, so a filter set's form, a model form and
the admin-less edit pages render from their declarations: `{% gcds_field form.name %}`."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from passerelle.core.text import fold, unmarked

register = template.Library()


def _kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
        return "checkboxes"
    if isinstance(field, forms.BooleanField) and not isinstance(field, forms.NullBooleanField):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.RadioSelect):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _options(bound: forms.BoundField) -> list[dict[str, Any]]:
    value = bound.value()
    chosen = {_value(v) for v in (value if isinstance(value, list | tuple) else [value])}
    options = []
    for choice_value, label in bound.field.choices:  # type: ignore[attr-defined]
        key = _value(getattr(choice_value, "value", choice_value))
        if key == "":
            continue
        options.append({"value": key, "label": str(label), "selected": key in chosen})
    if isinstance(bound.field, forms.ModelChoiceField):  # records by name, as the reader reads
        options.sort(key=lambda option: fold(unmarked(str(option["label"]))))
    return options


def _empty_label(field: forms.Field) -> str:
    """The choice left open: a filter's own ("All types"), never Django's dashes."""
    label = str(getattr(field, "empty_label", None) or "")
    return "" if set(label) <= {"-"} else label


@register.simple_tag
def gcds_field(bound: forms.BoundField, hint: str = "") -> SafeString:
    """The field as a GC component: its label, hint, value or choices, and its first error."""
    field = bound.field
    kind = _kind(field)
    context = {
        "bound": bound,
        "kind": kind,
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": bound.label,
        "hint": hint or field.help_text or "",
        "required": field.required,
        "value": _value(bound.value()) if kind not in ("checkboxes", "file") else "",
        "checked": bool(bound.value()) if kind == "checkbox" else False,
        "error": str(bound.errors[0]) if bound.errors else "",
        "options": _options(bound) if kind in ("select", "checkboxes") else [],
        "empty_label": _empty_label(field),
        "date": isinstance(field, forms.DateField),
        "search": bound.name == "q",
        "accept": field.widget.attrs.get("accept", ""),
    }
    return mark_safe(render_to_string("core/gcds_field.html", context))  # noqa: S308
