"""What of the overseas network search finds: offices (by name, city, kind and the annex's
notes, so "Permanent Mission" or "Havana" find theirs), area offices and biometric collection
points (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.network.models import AreaOffice, BiometricCollectionPoint, Office

    register(
        Searchable("office", Office, title="name", text=("city", "kind", "note"), order=13),
        Searchable(
            "area-office",
            AreaOffice,
            title="name",
            text=("office.name", "office.city"),
            order=14,
        ),
        Searchable(
            "biometric-point",
            BiometricCollectionPoint,
            title="name",
            text=("city", "operator"),
            order=15,
        ),
    )
