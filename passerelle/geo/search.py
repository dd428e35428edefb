"""What of this app search finds: its records' titles and text in each language, and
their pages (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.geo.models import Country

    register(
        Searchable(
            "country",
            Country,
            Country._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("iso_alpha3",),
            url_name="geo:country_detail",
            url_kwargs={"iso_alpha3": "iso_alpha3"},
            order=5,
        )
    )
