"""What of operations search finds: the irritant signals, records the statistical tests wrote
(by country, metric, comparison and period, in each language), linked to their page
(core/search/registry.py). The application records themselves are not records of the database
(Parquet files read by the explorer) and are not searched."""

from __future__ import annotations

from typing import Any

from passerelle.core.search.registry import Bilingual, Searchable, register


def _country(signal: Any, language: str) -> str:
    from passerelle.geo.models import Country

    names = Country._base_manager.filter(iso_alpha3=signal.citizenship)
    name = names.values_list("name_fr" if language == "fr" else "name_en", flat=True).first()
    return str(name or signal.citizenship)


def _title(signal: Any, language: str) -> str:
    metric = signal.get_metric_display()
    return f"{metric} — {_country(signal, language)}, {signal.period_end:%Y-%m}"


def _period(signal: Any) -> str:
    return f"{signal.period_start:%Y-%m} – {signal.period_end:%Y-%m}"


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.operations.models import IrritantSignal

    register(
        Searchable(
            "signal",
            IrritantSignal,
            title=Bilingual.each(_title),
            # What the signal compares (the figures are on its page).
            text=("citizenship", "comparison", _period),
            order=17,
        )
    )
