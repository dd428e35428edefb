"""A country's name as a sentence needs it, in the active language: in French with its article
and contracted preposition (geo/french.py), in English the name alone. A template passes the
phrase to a translated sentence: `{% blocktranslate with of_name=country|country_of %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from passerelle.geo.french import french_name

register = template.Library()


def _phrase(country: Any, form: str) -> str:
    if not (get_language() or "en").startswith("fr"):
        return str(getattr(country, "name", country))
    return str(getattr(french_name(country), form))


@register.filter
def country_subject(country: Any) -> str:
    """ "le Mexique", "les États-Unis" in French; "Mexico" in English."""
    return _phrase(country, "subject")


@register.filter
def country_of(country: Any) -> str:
    """ "du Mexique", "des États-Unis", "de Cuba" in French; "Mexico" in English."""
    return _phrase(country, "of")


@register.filter
def country_to(country: Any) -> str:
    """ "au Mexique", "aux États-Unis", "à la France" in French; "Mexico" in English."""
    return _phrase(country, "to")


@register.filter
def country_in(country: Any) -> str:
    """ "au Mexique", "en France", "à Cuba" in French; "Mexico" in English."""
    return _phrase(country, "locative")
