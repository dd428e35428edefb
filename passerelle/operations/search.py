"""What of operations search finds: the irritant signals, records the statistical tests wrote
(by country, metric, comparison and period, in each language), linked to their page
(core/search/registry.py). The application records themselves are not records of the database
(Parquet files read by the explorer) and are not searched."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from passerelle.core.search.registry import Searchable, register


def _country(signal: Any, language: str) -> str:
    from passerelle.geo.models import Country

    names = Country._base_manager.filter(iso_alpha3=signal.citizenship)
    name = names.values_list("name_fr" if language == "fr" else "name_en", flat=True).first()
    return str(name or signal.citizenship)


def _title(language: str) -> Any:
    def title(signal: Any) -> str:
        with translation.override(language):
            metric = signal.get_metric_display()
            return f"{metric} — {_country(signal, language)}, {signal.period_end:%Y-%m}"

    return title


def _text(language: str) -> Any:
    """What the signal compares, in one language (the figures are on its page)."""

    def text(signal: Any) -> str:
        with translation.override(language):
            period = f"{signal.period_start:%Y-%m} – {signal.period_end:%Y-%m}"
            return f"{signal.get_comparison_display()}\n{period}"

    return text


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.operations.models import IrritantSignal

    register(
        Searchable(
            "signal",
            IrritantSignal,
            IrritantSignal._meta.verbose_name_plural,
            _title("en"),
            _title("fr"),
            english=("citizenship", _text("en")),
            french=("citizenship", _text("fr")),
            url_name="operations:signal_detail",
            url_kwargs={"pk": "pk"},
            order=17,
        )
    )
