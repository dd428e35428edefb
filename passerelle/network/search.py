"""What of the overseas network search finds: offices (by name, city, kind and the annex's
notes, so "Permanent Mission" or "Havana" find theirs), area offices and biometric collection
points (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register, translated


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.network.models import AreaOffice, BiometricCollectionPoint, Office

    code = {"code": "code"}
    register(
        Searchable(
            "office",
            Office,
            Office._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("city_en", translated("en", Office.get_kind_display), "note_en"),
            french=("city_fr", translated("fr", Office.get_kind_display), "note_fr"),
            url_name="network:office_detail",
            url_kwargs=code,
            order=13,
        )
    )
    register(
        Searchable(
            "area-office",
            AreaOffice,
            AreaOffice._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=(lambda area: area.office.name_en, lambda area: area.office.city_en),
            french=(lambda area: area.office.name_fr, lambda area: area.office.city_fr),
            url_name="network:area_office_detail",
            url_kwargs={"slug": "slug"},
            order=14,
        )
    )
    register(
        Searchable(
            "biometric-point",
            BiometricCollectionPoint,
            BiometricCollectionPoint._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("city_en", "operator"),
            french=("city_fr", "operator"),
            url_name="network:point_detail",
            url_kwargs=code,
            order=15,
        )
    )
