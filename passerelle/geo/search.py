"""What of geo search finds: countries and territories by name, and by ISO code in English
(core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Bilingual, Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.geo.models import Country

    register(
        Searchable("country", Country, title="name", text=(Bilingual("iso_alpha3", None),), order=5)
    )
