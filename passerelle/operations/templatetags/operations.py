"""Template filters of the operations pages."""

from __future__ import annotations

import copy
from typing import Any

from babel import Locale, numbers
from django import template

from passerelle.core.templatetags.passerelle import babel_locale, number

register = template.Library()


@register.filter
def share(value: Any) -> str:
    """A share between 0 and 1 as a percentage for the language, to 0.1: 0.256 → 25.6%,
    0.78 → 78.0% (one decimal always, so a column's figures line up)."""
    if value is None or value == "":
        return ""
    locale = Locale.parse(babel_locale())
    pattern = copy.copy(locale.percent_formats[None])
    pattern.frac_prec = (1, 1)
    return pattern.apply(float(value), locale)


@register.filter
def probability(value: Any) -> str:
    """A p-value or q-value to four decimals for the language; below 0.0001, "< 0.0001"."""
    if value is None or value == "":
        return ""
    if float(value) < 0.0001:
        return "< " + numbers.format_decimal(0.0001, "0.0000", locale=babel_locale())
    return numbers.format_decimal(float(value), "0.0000", locale=babel_locale())


@register.filter
def days(value: Any) -> str:
    """A number of days (a median may fall between two days) to 0.1, for the language."""
    if value is None or value == "":
        return ""
    return number(round(float(value), 1))
