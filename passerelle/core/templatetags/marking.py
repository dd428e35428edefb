"""`{% marking_banner %}` and `{% illustrative_notice %}`: where the page's marking goes, filled
in by ReaderMiddleware once the page is rendered (core/marking.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from passerelle.core import marking
from passerelle.core.reader import current_reader

register = template.Library()


@register.simple_tag(takes_context=True)
def marking_banner(context: Any) -> SafeString:
    reader = current_reader()
    marking.note_context(reader, context)
    return mark_safe(marking.placeholder(reader, "banner"))  # noqa: S308 (our own token)


@register.simple_tag(takes_context=True)
def illustrative_notice(context: Any) -> SafeString:
    reader = current_reader()
    marking.note_context(reader, context)
    return mark_safe(marking.placeholder(reader, "notice"))  # noqa: S308 (our own token)
