"""What of the indicators search finds: each series by its name, code, publisher and definition
(so "UNRWA" finds the UNHCR series whose definition names it), linked to the explorer showing it
(core/search/registry.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from passerelle.core.search.registry import Searchable, register


def explorer_link(indicator: Any) -> str:
    return f"{reverse('indicators:explorer')}?{urlencode({'indicator': indicator.code})}"


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.indicators.models import Indicator

    register(
        Searchable(
            "indicator",
            Indicator,
            title="name",
            text=("code", "publisher", "definition"),
            link=explorer_link,
            order=16,
        )
    )
