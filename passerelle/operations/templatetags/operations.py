"""Template filters of the operations pages."""

from __future__ import annotations

from typing import Any

from django import template

from passerelle.web.templatetags.passerelle import number, percent

register = template.Library()


@register.filter
def share(value: Any) -> str:
    """A share between 0 and 1 as a percentage for the language, to 0.1: 0.256 → 25.6%."""
    if value is None or value == "":
        return ""
    return percent(round(float(value) * 100, 1))


@register.filter
def days(value: Any) -> str:
    """A number of days (a median may fall between two days) to 0.1, for the language."""
    if value is None or value == "":
        return ""
    return number(round(float(value), 1))
