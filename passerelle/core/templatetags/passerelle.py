"""Numbers, dates and bilingual fields formatted for the active language (Babel).

English is formatted as in Canada (en_CA), French as in Canada (fr_CA): 281 million / 281 millions,
3.6% / 3,6 %, 1,050 / 1 050, April 15, 2023 / 15 avril 2023. French uses no-break spaces.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel import numbers
from babel.dates import format_date, format_datetime
from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from passerelle.core.classification import Classification
from passerelle.core.tables import row_marks
from passerelle.core.text import in_language

register = template.Library()

Number = int | float | Decimal

_BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}


def babel_locale() -> str:
    """The Babel locale of the active language."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _BABEL_LOCALES.get(language, _BABEL_LOCALES["en"])


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    # Stored decimals carry trailing zeros (3.6000); they are not significant.
    return number.normalize()


@register.filter
def compact(value: Any) -> str:
    """A large number in words: 281 million / 281 millions, 669 billion / 669 milliards."""
    number = _number(value)
    if number is None:
        return ""
    return numbers.format_compact_decimal(
        number, format_type="long", fraction_digits=1, locale=babel_locale()
    )


@register.filter
def percent(value: Any) -> str:
    """A value given in percentage points: 3.6 → 3.6% / 3,6 %."""
    number = _number(value)
    if number is None:
        return ""
    return numbers.format_percent(number / 100, locale=babel_locale(), decimal_quantization=False)


@register.filter
def number(value: Any) -> str:
    """A number with the language's grouping and decimal mark: 1,050 / 1 050."""
    parsed = _number(value)
    if parsed is None:
        return ""
    return numbers.format_decimal(parsed, locale=babel_locale(), decimal_quantization=False)


@register.filter
def money(value: Any, currency: str = "CAD") -> str:
    """An amount in a currency: US$669,000,000,000.00 / 669 000 000 000,00 $ US."""
    parsed = _number(value)
    if parsed is None:
        return ""
    return numbers.format_currency(parsed, currency.upper(), locale=babel_locale())


@register.filter
def longdate(value: datetime.date | datetime.datetime | None) -> str:
    """A date in words: April 15, 2023 / 15 avril 2023 (a datetime in the display time zone)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = _display_time(value).date()
    return format_date(value, format="long", locale=babel_locale())


@register.filter
def longdatetime(value: datetime.datetime | None) -> str:
    """A moment in the display time zone: April 15, 2023, 2:05 p.m. EDT / 15 avril 2023 14 h 05."""
    if value is None or value == "":
        return ""
    local = _display_time(value)
    return format_datetime(local, format="medium", tzinfo=local.tzinfo, locale=babel_locale())


def _display_time(value: datetime.datetime) -> datetime.datetime:
    zone = ZoneInfo(settings.DISPLAY_TIME_ZONE)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(zone)


@register.filter
def fact_value(fact: Any) -> str:
    """A fact's figure in the unit it is stored in: persons and dollars in words, percentages
    as percentages, years as they are."""
    unit, value = getattr(fact, "unit", ""), getattr(fact, "value", None)
    if value is None:
        return ""
    if unit == "percent":
        return percent(value)
    if unit == "year":
        return str(int(value))
    if unit == "usd":
        if abs(value) >= 1_000_000:
            # Translators: an amount in US dollars, in words, e.g. "US$669 billion".
            return _("US$%(amount)s") % {"amount": compact(value)}
        return money(value, "USD")
    if abs(value) >= 1_000_000:
        return compact(value)
    return number(value)


@register.filter
def localized(record: Any, field: str) -> str:
    """A bilingual field in the active language, the English marked "[EN]" where the French is
    empty: `{{ fact|localized:"title" }}` reads title_fr in French."""
    english = str(getattr(record, f"{field}_en", "") or "")
    return in_language(english, str(getattr(record, f"{field}_fr", "") or ""), babel_locale())


@register.filter
def classification_label(level: Any) -> str:
    """The label of a classification level (Unclassified when there is none)."""
    try:
        return str(Classification(int(level or 0)).label)
    except ValueError:
        return ""


@register.filter
def classification_slug(level: Any) -> str:
    """A CSS-friendly name of a level: unclassified, protected-a, protected-b."""
    try:
        return Classification(int(level or 0)).name.lower().replace("_", "-")
    except ValueError:
        return "unclassified"


@register.filter
def verbose_name(record: Any) -> str:
    """The name of the kind of record, e.g. "fact" / "fait"."""
    meta = getattr(record, "_meta", None)
    return str(meta.verbose_name) if meta else ""


@register.filter
def json_value(value: Any) -> str:
    """A value from a change record, as JSON (— when absent)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@register.filter(name="row_marks")
def row_marks_filter(record: Any) -> str:
    """A hand-written table row's marks, as a declared table's (core/tables.py)."""
    return row_marks(record)


@register.filter(name="record_url")
def record_url_filter(record: Any) -> str:
    """The address of a record's declared page, or "" (core/views/routes.py)."""
    from passerelle.core.views.routes import record_url

    return record_url(record)
